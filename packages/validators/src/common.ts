// Building blocks shared by every domain's schemas: ids, bounded text, pagination.
import { z } from "zod";

export const ZId = z.uuid({ message: "Must be a valid id" });

/** Trimmed, non-empty, bounded single-line text. */
export const boundedText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} is required` })
    .max(max, { message: `${label} must be at most ${max} characters` });

export const MAX_PAGE_SIZE = 100;

export const ZPageInput = z.object({
  cursor: ZId.nullish(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { message: "Slug must be at least 2 characters" })
  .max(48, { message: "Slug must be at most 48 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "Slug may contain lower-case letters, digits and single hyphens",
  });
