// The structured JSON logger (pino) of the web app and the worker: one object per line on stdout, with the secrets
// a request or an error could carry (credentials in headers, tokens, passwords) censored by path before writing.
import type { Logger } from "pino";
import pino from "pino";

import { env } from "./env.ts";

export type { Logger };

/** Paths pino censors wherever a logged object has them (`*` matches one level). */
export const REDACT_PATHS = [
  "authorization",
  "cookie",
  "password",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "apiKey",
  "*.authorization",
  "*.cookie",
  'headers["set-cookie"]',
  "*.password",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.secret",
  "*.apiKey",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
];

export function createLogger(
  service: string,
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    options.destination,
  );
}

const KEY = Symbol.for("tenantry.logger");
const holder = globalThis as Record<symbol, Logger | undefined>;

/** The process's logger: the one its entry point installed (setLogger), else a `web` logger at LOG_LEVEL. */
export function logger(): Logger {
  return (holder[KEY] ??= createLogger("web"));
}

export function setLogger(log: Logger): void {
  holder[KEY] = log;
}
