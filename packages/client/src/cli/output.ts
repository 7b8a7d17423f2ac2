// Human tables by default, JSON for scripts, and exit codes a shell can test.
import type { TenantryError } from "../errors.ts";
import { isTenantryError } from "../errors.ts";

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  invalid: 6,
  conflict: 7,
  unavailable: 8,
} as const;

export function exitCodeOf(error: unknown): number {
  if (!isTenantryError(error)) return EXIT.failure;
  const byCode: Record<string, number> = {
    UNAUTHORIZED: EXIT.unauthenticated,
    FORBIDDEN: EXIT.forbidden,
    NOT_FOUND: EXIT.notFound,
    BAD_REQUEST: EXIT.invalid,
    CONFLICT: EXIT.conflict,
    PRECONDITION_FAILED: EXIT.conflict,
    TOO_MANY_REQUESTS: EXIT.unavailable,
    SERVICE_UNAVAILABLE: EXIT.unavailable,
    NETWORK_ERROR: EXIT.unavailable,
  };
  return byCode[error.code] ?? EXIT.failure;
}

export function describeError(error: unknown): string {
  if (!isTenantryError(error)) return error instanceof Error ? error.message : String(error);
  const e: TenantryError = error;
  const fields = Object.entries(e.fieldErrors).map(
    ([field, messages]) => `  ${field}: ${messages.join("; ")}`,
  );
  return [
    `${e.code}: ${e.message}`,
    ...fields,
    ...(e.requestId ? [`  request id: ${e.requestId}`] : []),
  ].join("\n");
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cell).join(",");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  return JSON.stringify(value);
};

export interface Out {
  json: boolean;
  write(text: string): void;
}

/** Rows as an aligned table (columns chosen by the command), or the full objects as JSON. */
export function printRows(out: Out, rows: readonly object[], columns: readonly string[]): void {
  if (out.json) {
    out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    out.write("(none)\n");
    return;
  }
  const table = rows.map((row) => columns.map((c) => cell((row as Record<string, unknown>)[c])));
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...table.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  out.write(`${[line(columns.map((c) => c.toUpperCase())), ...table.map(line)].join("\n")}\n`);
}

export function printOne(out: Out, value: object, columns: readonly string[]): void {
  if (out.json) out.write(`${JSON.stringify(value, null, 2)}\n`);
  else printRows(out, [value], columns);
}
