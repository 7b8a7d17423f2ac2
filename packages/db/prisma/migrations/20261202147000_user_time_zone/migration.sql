-- A user's display time zone (IANA name, e.g. Europe/Berlin) for every date and time the dashboard shows; NULL
-- means the browser's own zone. Users are not tenant-owned, so no policy changes.
ALTER TABLE "users" ADD COLUMN "time_zone" VARCHAR(64);
