"use client";

// A comment textarea with an @-mention picker: typing "@" and a few letters lists matching members; arrows move,
// Enter or Tab inserts "@Name ", Escape closes. The textarea keeps focus (the list is announced through
// aria-activedescendant), and the chosen members are reported so the comment can send their membership ids.
import { useId, useRef, useState } from "react";

import { Textarea } from "~/components/ui/textarea";
import { cn } from "~/lib/utils";
import { MENTION_OPTIONS_LIMIT } from "./constants";

export interface Mention {
  /** Membership id. */
  id: string;
  name: string;
}

/** The "@query" right before the caret, if the caret is inside one. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - 1, query };
}

/** The mentions whose "@Name" is still in the text (a deleted mention is not sent). */
export function mentionsIn(text: string, mentions: Mention[]): Mention[] {
  return mentions.filter((m) => text.includes(`@${m.name}`));
}

export function MentionTextarea({
  value,
  onValueChange,
  members,
  onMention,
  className,
  ref,
  ...rest
}: Omit<React.ComponentProps<"textarea">, "value" | "onChange"> & {
  value: string;
  onValueChange: (value: string) => void;
  /** Who can be mentioned. */
  members: Mention[];
  onMention: (mention: Mention) => void;
  ref?: React.RefCallback<HTMLTextAreaElement>;
}) {
  const listId = useId();
  const own = useRef<HTMLTextAreaElement | null>(null);
  const [trigger, setTrigger] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const query = trigger?.query.toLowerCase() ?? "";
  const options = trigger
    ? members.filter((m) => m.name.toLowerCase().includes(query)).slice(0, MENTION_OPTIONS_LIMIT)
    : [];
  const open = options.length > 0;
  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));

  const sync = (el: HTMLTextAreaElement) => {
    const next =
      el.selectionStart === el.selectionEnd ? mentionAt(el.value, el.selectionStart) : null;
    setTrigger((current) =>
      current?.start === next?.start && current?.query === next?.query ? current : next,
    );
    if (next?.query !== trigger?.query) setActive(0);
  };

  const choose = (member: Mention) => {
    const el = own.current;
    if (!trigger || !el) return;
    const caret = trigger.start + 1 + trigger.query.length;
    const inserted = `@${member.name} `;
    const text = value.slice(0, trigger.start) + inserted + value.slice(caret);
    onValueChange(text);
    onMention(member);
    setTrigger(null);
    const position = trigger.start + inserted.length;
    // After React has written the new value: put the caret right after the inserted mention.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(position, position);
    });
  };

  return (
    <div className="relative">
      <Textarea
        {...rest}
        ref={(el) => {
          own.current = el;
          ref?.(el);
        }}
        value={value}
        className={className}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        onChange={(e) => {
          onValueChange(e.target.value);
          sync(e.target);
        }}
        onSelect={(e) => sync(e.currentTarget)}
        onBlur={(e) => {
          setTrigger(null);
          rest.onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (!open) return;
          const chosen = options[activeIndex];
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((activeIndex + step + options.length) % options.length);
          } else if ((e.key === "Enter" || e.key === "Tab") && chosen && !e.shiftKey) {
            e.preventDefault();
            choose(chosen);
          } else if (e.key === "Escape") {
            // Closes the list only (not a surrounding dialog).
            e.preventDefault();
            e.stopPropagation();
            setTrigger(null);
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Mention a member"
          className="absolute top-full left-0 z-50 mt-1 max-h-60 w-64 overflow-y-auto rounded-md border bg-popover p-1 text-sm text-popover-foreground shadow-md"
        >
          {options.map((member, index) => (
            <li
              key={member.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={cn(
                "cursor-default rounded-sm px-2 py-1.5",
                index === activeIndex && "bg-accent text-accent-foreground",
              )}
              // mousedown would blur the textarea (closing the list) before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(member)}
              onMouseEnter={() => setActive(index)}
            >
              {member.name}
            </li>
          ))}
        </ul>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {open
          ? `${options.length} member${options.length === 1 ? "" : "s"} found, use the arrow keys and Enter to mention`
          : ""}
      </span>
    </div>
  );
}
