"use client";

// The attributes that make a control answer a single-key shortcut (see shortcuts.tsx). `data-shortcut` appears only
// once this control has hydrated: a server-rendered button inside a boundary React has not hydrated yet has no click
// handler, so a key pressed then would be swallowed. Until then the key finds no control and does nothing, and
// tests can wait for [data-shortcut] instead of retrying.
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** False on the server and during hydration, true once this component has hydrated (or rendered on the client). */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function useShortcut(key: string | undefined) {
  const hydrated = useHydrated();
  if (!key) return {};
  return { "data-shortcut": hydrated ? key : undefined, "aria-keyshortcuts": key };
}
