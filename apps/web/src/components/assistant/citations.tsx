"use client";

// The passages a reply cites, as buttons that open the passage with its document and position.
import type { TCitedPassage } from "@tenantry/validators";

import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";

export function Citations(props: { citations: TCitedPassage[] }) {
  if (props.citations.length === 0) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1.5" aria-label="Sources">
      <span className="text-xs text-muted-foreground">Sources:</span>
      {props.citations.map((c) => (
        <Dialog key={c.chunkId}>
          <DialogTrigger asChild>
            <Button variant="outline" size="sm" className="h-6 px-2 text-xs">
              [{c.index}] {c.documentName}
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>
                [{c.index}] {c.documentName}
              </DialogTitle>
              <DialogDescription>Passage {c.position + 1}</DialogDescription>
            </DialogHeader>
            <blockquote className="whitespace-pre-wrap border-l-2 pl-3 text-sm">
              {c.text}
            </blockquote>
          </DialogContent>
        </Dialog>
      ))}
    </div>
  );
}
