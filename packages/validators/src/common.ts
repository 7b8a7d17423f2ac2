// Building blocks shared by every domain's schemas: safe text, safe dates, bounded integers, ids, pagination.
//
// Every string, date and number a client sends is built from these, so whatever passes validation can be stored:
// - text never holds NUL (PostgreSQL text cannot) nor a lone UTF-16 surrogate (not Unicode: PostgreSQL's jsonb
//   refuses it and text columns silently store U+FFFD instead); single-line text holds no control character at all,
//   multi-line text only tab, line feed and carriage return;
// - dates lie in years 1900–9999, which JavaScript, PostgreSQL's date/timestamptz and YYYY-MM-DD all accept;
// - integers fit PostgreSQL's INT.
// The architecture test in @tenantry/api (procedure-inputs.test.ts) proves it for every procedure's input.
import { z } from "zod";

// A surrogate code unit that is not half of a pair: `u`-mode \p{Cs} matches exactly those.
const LONE_SURROGATE = /\p{Cs}/u;
// Unicode control characters (C0, DEL, C1), NUL among them, plus the line and paragraph separators.
const CONTROL_SINGLE_LINE = /[\p{Cc}\u2028\u2029]/u;
// The same, except the whitespace a multi-line text legitimately holds.
const CONTROL_MULTI_LINE = /[^\P{Cc}\t\n\r]/u;

/** True when PostgreSQL can store `value` in text and jsonb: no NUL, no lone surrogate. */
export const isStorableText = (value: string): boolean =>
  !value.includes("\u0000") && !LONE_SURROGATE.test(value);

const unstorableMessage = (label: string) =>
  `${label} contains characters that cannot be stored (NUL or an invalid UTF-16 sequence)`;

/**
 * Any client string that does not have to be readable text (passwords, opaque tokens): storable, nothing more.
 * Every other string schema builds on singleLineText or multiLineText.
 */
export const storableString = (label = "This field") =>
  z.string().refine(isStorableText, { message: unstorableMessage(label), abort: true });

/** Trimmed single-line text (names, titles, search terms, reasons): no control characters, line breaks included. */
export const singleLineText = (label = "This field") =>
  storableString(label)
    .trim()
    .refine((value) => !CONTROL_SINGLE_LINE.test(value), {
      message: `${label} must be one line without control characters`,
    });

/** Multi-line text (descriptions, comments): tab and line breaks allowed, other control characters not. */
export const multiLineText = (label = "This field") =>
  storableString(label).refine((value) => !CONTROL_MULTI_LINE.test(value), {
    message: `${label} must not contain control characters`,
  });

/** Trimmed, non-empty, bounded single-line text. */
export const boundedText = (label: string, max: number) =>
  singleLineText(label)
    .min(1, { message: `${label} is required` })
    .max(max, { message: `${label} must be at most ${max} characters` });

/** Trimmed, non-empty, bounded multi-line text (a comment). */
export const boundedMultiLineText = (label: string, max: number) =>
  multiLineText(label)
    .trim()
    .min(1, { message: `${label} is required` })
    .max(max, { message: `${label} must be at most ${max} characters` });

export const ZId = z.uuid({ message: "Must be a valid id" });

// ---- dates ----

export const DATE_MIN = new Date("1900-01-01T00:00:00.000Z");
export const DATE_MAX = new Date("9999-12-31T23:59:59.999Z");
const DATE_RANGE_MESSAGE = "Use a date between the years 1900 and 9999";

/** A point in time from a client (superjson sends Date objects): years 1900–9999. */
export const ZSafeDate = z
  .date({ message: "Must be a valid date" })
  .min(DATE_MIN, { message: DATE_RANGE_MESSAGE })
  .max(DATE_MAX, { message: DATE_RANGE_MESSAGE });

/** A calendar date, YYYY-MM-DD, in years 1900–9999 (z.iso.date alone admits year 0000, which PostgreSQL refuses). */
export const ZSafeIsoDate = z.iso
  .date({ message: "Use a date like 2026-12-31" })
  .refine((value) => value >= "1900-01-01", { message: DATE_RANGE_MESSAGE });

// ---- numbers ----

export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;

/** An integer in [min, max], which must lie within PostgreSQL's INT. */
export function boundedInt(min: number, max: number) {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < INT_MIN || max > INT_MAX) {
    throw new RangeError(`boundedInt(${min}, ${max}) exceeds PostgreSQL's INT range`);
  }
  return z
    .number()
    .int({ message: "Must be a whole number" })
    .min(min, { message: `Must be at least ${min}` })
    .max(max, { message: `Must be at most ${max}` });
}

// ---- pagination ----

export const MAX_PAGE_SIZE = 100;

export const ZPageLimit = (fallback: number) => boundedInt(1, MAX_PAGE_SIZE).default(fallback);

export const ZPageInput = z.object({
  cursor: ZId.nullish(),
  limit: ZPageLimit(20),
});

/** An opaque keyset cursor the server encoded (base64url). */
export const ZOpaqueCursor = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_-]*$/, { message: "Invalid page cursor" });

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { message: "Slug must be at least 2 characters" })
  .max(48, { message: "Slug must be at most 48 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "Slug may contain lower-case letters, digits and single hyphens",
  });
