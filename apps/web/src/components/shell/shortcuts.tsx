"use client";

// Single-key shortcuts of the organization shell and the `?` sheet listing them. Page-specific keys are declared
// by the page's own controls (useShortcut("e") on the Edit button, which sets `data-shortcut` once the control has
// hydrated): pressing the key activates the visible control, so a shortcut never does something the page does not
// offer, nor clicks a button whose handler is not attached yet. Nothing fires while typing in a field or a dialog.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { useShell } from "./shell-context";

export const SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ["Ctrl", "K"], label: "Open the command palette" },
  { keys: ["/"], label: "Search (the page's filter, else the palette)" },
  { keys: ["c"], label: "Create a task (on a project)" },
  { keys: ["e"], label: "Edit the task" },
  { keys: ["s"], label: "Change the task's status" },
  { keys: ["a"], label: "Assign the task" },
  { keys: ["g", "h"], label: "Go to Home" },
  { keys: ["g", "p"], label: "Go to Projects" },
  { keys: ["g", "a"], label: "Go to Analytics" },
  { keys: ["g", "s"], label: "Go to Settings" },
  { keys: ["?"], label: "Show these shortcuts" },
];

const GO: Record<string, string> = {
  h: "home",
  p: "projects",
  a: "analytics",
  s: "settings/general",
};

const OPEN_SHEET = "tenantry:shortcut-sheet";

/** Opens the shortcut sheet from elsewhere (the palette's "Keyboard shortcuts"). */
export function openShortcutSheet() {
  document.dispatchEvent(new Event(OPEN_SHEET));
}

/** Typing in a field, a contenteditable or anything inside an open dialog or menu is never a shortcut. */
function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("input, textarea, select, [role='dialog'], [role='menu'], [role='listbox']"))
    return true;
  return false;
}

function visible(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.offsetParent !== null && !el.hasAttribute("disabled");
}

export function Shortcuts() {
  const router = useRouter();
  const pathname = usePathname();
  const { organization, setPaletteOpen } = useShell();
  const [sheetOpen, setSheetOpen] = useState(false);
  // "g" starts a two-key sequence for a short while.
  const pendingG = useRef<number | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      // An open dialog owns the keyboard; one still animating closed (data-state="closed") does not.
      if (isTyping(event.target) || document.querySelector("[role='dialog'][data-state='open']"))
        return;
      const key = event.key;
      if (pendingG.current !== null) {
        window.clearTimeout(pendingG.current);
        pendingG.current = null;
        const target = GO[key.toLowerCase()];
        if (target) {
          event.preventDefault();
          router.push(`/o/${organization.slug}/${target}`);
        }
        return;
      }
      if (key === "?") {
        event.preventDefault();
        setSheetOpen(true);
        return;
      }
      if (key === "g") {
        pendingG.current = window.setTimeout(() => (pendingG.current = null), 1200);
        return;
      }
      if (key === "/") {
        event.preventDefault();
        const search = Array.from(document.querySelectorAll("[data-shortcut='/']")).find(visible);
        if (search) search.focus();
        else setPaletteOpen(true);
        return;
      }
      if (key.length !== 1 || event.shiftKey) return;
      const control = Array.from(
        document.querySelectorAll(`[data-shortcut='${CSS.escape(key.toLowerCase())}']`),
      ).find(visible);
      if (control) {
        event.preventDefault();
        control.focus();
        // A select opens from the keyboard (its pointer handler ignores synthetic clicks).
        if (control.dataset.slot === "select-trigger")
          control.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        else control.click();
      }
    };
    const onOpenSheet = () => setSheetOpen(true);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener(OPEN_SHEET, onOpenSheet);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener(OPEN_SHEET, onOpenSheet);
      if (pendingG.current !== null) window.clearTimeout(pendingG.current);
    };
  }, [router, organization.slug, setPaletteOpen, pathname]);

  return (
    <Dialog open={sheetOpen} onOpenChange={setSheetOpen}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>They do nothing while you type in a field.</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.label} className="contents">
              <dt className="flex gap-1">
                {s.keys.map((k, i) => (
                  <kbd key={i} className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">
                    {k}
                  </kbd>
                ))}
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
