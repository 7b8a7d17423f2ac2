// Class-name helper shared by every component: conditional classes, with Tailwind conflicts resolved.
import type { ClassValue } from "clsx";
import { clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

/** Two-letter initials for avatars ("Dana Demo" -> "DD", "ops@x.io" -> "OP"). */
export function initials(nameOrEmail: string): string {
  const words = nameOrEmail
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ""}${words[1]?.[0] ?? ""}` : nameOrEmail.slice(0, 2);
  return letters.toUpperCase();
}

/** "1 member", "3 members". */
export function plural(count: number, one: string, many = `${one}s`) {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** A built-in role as people read it: "OWNER" -> "Owner" (custom roles keep their own names). */
export function roleLabel(role: string) {
  return role.charAt(0) + role.slice(1).toLowerCase();
}
