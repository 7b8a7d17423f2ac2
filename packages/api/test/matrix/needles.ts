// What names a world in an answer: its marker, slug and ids (split from factory.ts; the matrices look for these).
import type { World } from "./factory.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function collectIds(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string" && UUID.test(value)) into.push(value);
  else if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) collectIds(child, into);
  }
  return into;
}

/** What names `world` in a text: its marker (in every name), slug and ids. */
export const needlesOf = (world: World): string[] => [world.marker, world.org.slug, ...world.ids];

/**
 * What names the members-only project of `world` and everything under it: a MEMBER or VIEWER who is not one of its
 * members must never see any of these, directly or nested in another answer.
 */
export const hiddenNeedlesOf = (world: World): string[] => [
  `${world.marker} hidden`,
  ...collectIds(world.hiddenProject),
];

/** Which of `needles` occur in `text` (a serialized answer or error message). */
export function leaksOf(needles: string[], text: string): string[] {
  return needles.filter((needle) => text.includes(needle));
}
