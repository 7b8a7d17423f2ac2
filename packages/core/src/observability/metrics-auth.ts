// Who may read the metrics: a scraper presenting `Authorization: Bearer <METRICS_TOKEN>` (web and worker alike).
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compared as digests: constant time whatever the lengths. */
export function metricsAuthorized(
  authorization: string | null | undefined,
  token: string,
): boolean {
  const match = /^Bearer ([^\s]{1,512})$/i.exec(authorization ?? "");
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}
