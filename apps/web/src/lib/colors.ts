// Generated colours: a stable one per organization or person (from its id, so the switcher can tell
// organizations apart) and a rotating default for new tags. Every swatch is dark enough for white text (WCAG AA).

export const SWATCHES = [
  "#1d4ed8", // blue-700
  "#047857", // emerald-700
  "#b91c1c", // red-700
  "#7e22ce", // purple-700
  "#c2410c", // orange-700
  "#0f766e", // teal-700
  "#be185d", // pink-700
  "#4d7c0f", // lime-700
  "#4338ca", // indigo-700
  "#a16207", // yellow-700
] as const;

/** FNV-1a: a small, stable string hash (not for security). */
function hash(value: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The same colour for the same id, everywhere and on every visit. */
export function colorFor(id: string): string {
  return SWATCHES[hash(id) % SWATCHES.length] ?? SWATCHES[0];
}
