-- The session's active organization: requests that name no organization act in the one the session last named.
-- A hint, verified against memberships on every request, hence no foreign key (see identity.prisma).
ALTER TABLE "auth_sessions" ADD COLUMN "active_organization_id" UUID;
