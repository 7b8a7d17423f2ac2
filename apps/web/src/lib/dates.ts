// The one place dates and times are formatted for people: relative when recent, else in the viewer's locale and
// time zone (a profile setting; unset follows the browser). Client components take their formatter from
// useDates() (lib/dates-context.tsx), which the app shell builds from the request's locale and the user's zone, so
// the server's render and the browser's agree; the plain exports below use the runtime's defaults (server-only
// pages such as the admin console). Calendar dates (a task's due date, YYYY-MM-DD) have no zone and are formatted
// in UTC so Dec 8 is Dec 8 everywhere; "today" for overdue checks is taken in the viewer's zone.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DateSettings {
  /** BCP 47 tag, e.g. "en-GB"; undefined is the runtime's default. */
  locale?: string;
  /** IANA zone, e.g. "Europe/Berlin"; undefined is the runtime's zone. */
  timeZone?: string;
}

function parseCalendar(day: string) {
  return new Date(`${day}T00:00:00Z`);
}

export function createDates(settings: DateSettings = {}) {
  const { locale, timeZone } = settings;
  const dateFormat = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone,
  });
  const shortDateFormat = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone,
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  const yearFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone });
  const dayFormat = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone,
  });
  const calendarFormat = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  const calendarShortFormat = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });

  /** Today's calendar date (YYYY-MM-DD) in the viewer's zone. */
  const todayCalendar = (now: Date = new Date()) => dayFormat.format(now);
  const yearOf = (date: Date) => yearFormat.format(date);

  return {
    settings,
    /** A day: "Dec 8, 2026". */
    formatDate: (date: Date) => dateFormat.format(date),
    /** An instant: "Dec 8, 2026, 3:04 PM". */
    formatDateTime: (date: Date) => dateTimeFormat.format(date),
    /** An instant, relative when recent ("5 minutes ago", "yesterday"), else the date. */
    formatRelative: (date: Date, now: Date = new Date()) => {
      const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return relativeFormat.format(0, "second").replace(/^in /, "");
      if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
      if (abs < DAY_MS / 1000) return relativeFormat.format(Math.round(seconds / 3600), "hour");
      if (abs < 7 * (DAY_MS / 1000))
        return relativeFormat.format(Math.round(seconds / 86400), "day");
      return yearOf(date) === yearOf(now) ? shortDateFormat.format(date) : dateFormat.format(date);
    },
    todayCalendar,
    /** A calendar date (YYYY-MM-DD): "Dec 8" this year, "Dec 8, 2027" otherwise. */
    formatCalendarDate: (day: string, now: Date = new Date()) => {
      const date = parseCalendar(day);
      return String(date.getUTCFullYear()) === todayCalendar(now).slice(0, 4)
        ? calendarShortFormat.format(date)
        : calendarFormat.format(date);
    },
    /** Whether a due date has passed (a task still open on the day after it is due). */
    isOverdue: (dueDate: string | null, status: string, now: Date = new Date()) => {
      if (!dueDate || status === "DONE" || status === "ARCHIVED") return false;
      return dueDate < todayCalendar(now);
    },
    /** Days until a calendar date (negative once past). */
    daysUntil: (day: string, now: Date = new Date()) =>
      Math.round(
        (parseCalendar(day).getTime() - parseCalendar(todayCalendar(now)).getTime()) / DAY_MS,
      ),
  };
}

export type Dates = ReturnType<typeof createDates>;

const runtimeDates = createDates();
export const {
  formatDate,
  formatDateTime,
  formatRelative,
  todayCalendar,
  formatCalendarDate,
  isOverdue,
  daysUntil,
} = runtimeDates;

/** A BCP 47 tag from an Accept-Language header that this runtime supports, else undefined. */
export function localeFromAcceptLanguage(header: string | null): string | undefined {
  for (const part of (header ?? "").split(",").slice(0, 10)) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*" || tag.length > 35) continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      if (supported) return supported;
    } catch {
      // Not a well-formed tag; try the next one.
    }
  }
  return undefined;
}
