// The one place dates and times are formatted for people. Everything uses the browser's locale (the server renders
// with the request's default, then the client's first render matches because tasks' calendar dates are formatted
// in UTC and instants through Intl with the runtime's zone), so `12/8/2026` and ISO strings never mix on one page.

const DAY_MS = 24 * 60 * 60 * 1000;

const dateFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
});
const shortDateFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
// Calendar dates (a task's due date, YYYY-MM-DD) have no zone: format them in UTC so Dec 8 is Dec 8 everywhere.
const calendarFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});
const calendarShortFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** A day: "Dec 8, 2026". */
export function formatDate(date: Date) {
  return dateFormat.format(date);
}

/** An instant: "Dec 8, 2026, 3:04 PM". */
export function formatDateTime(date: Date) {
  return dateTimeFormat.format(date);
}

/** An instant, relative when recent ("5 minutes ago", "yesterday"), else the date. */
export function formatRelative(date: Date, now: Date = new Date()) {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeFormat.format(0, "second").replace(/^in /, "");
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (abs < DAY_MS / 1000) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * (DAY_MS / 1000)) return relativeFormat.format(Math.round(seconds / 86400), "day");
  return date.getFullYear() === now.getFullYear()
    ? shortDateFormat.format(date)
    : dateFormat.format(date);
}

function parseCalendar(day: string) {
  return new Date(`${day}T00:00:00Z`);
}

/** Today's calendar date (YYYY-MM-DD) in the viewer's zone. */
export function todayCalendar(now: Date = new Date()) {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** A calendar date (YYYY-MM-DD): "Dec 8" this year, "Dec 8, 2027" otherwise. */
export function formatCalendarDate(day: string, now: Date = new Date()) {
  const date = parseCalendar(day);
  return date.getUTCFullYear() === now.getFullYear()
    ? calendarShortFormat.format(date)
    : calendarFormat.format(date);
}

/** Whether a due date has passed (a task still open on the day after it is due). */
export function isOverdue(dueDate: string | null, status: string, now: Date = new Date()) {
  if (!dueDate || status === "DONE" || status === "ARCHIVED") return false;
  return dueDate < todayCalendar(now);
}

/** Days until a calendar date (negative once past). */
export function daysUntil(day: string, now: Date = new Date()) {
  return Math.round(
    (parseCalendar(day).getTime() - parseCalendar(todayCalendar(now)).getTime()) / DAY_MS,
  );
}
