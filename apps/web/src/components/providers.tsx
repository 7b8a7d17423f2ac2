"use client";

// App-wide client providers: theme (class on <html>, set before paint by next-themes' inline script, which carries
// the page's CSP nonce), tooltips and toasts. tRPC is provided per organization by the /o/[slug] layout.
import { useEffect } from "react";
import { ThemeProvider } from "next-themes";
import { z } from "zod";

import { Toaster } from "~/components/ui/sonner";
import { TooltipProvider } from "~/components/ui/tooltip";

// zod compiles object schemas with `new Function` when it may; the page's CSP forbids eval, and even zod's probe for
// it would be reported as a violation, so the UI runs it without that optimisation.
z.config({ jitless: true });

export function Providers(props: { children: React.ReactNode; nonce?: string }) {
  // Marks the page interactive (effects run once the tree has hydrated). Text typed into a server-rendered field
  // before hydration can be lost, so tests (and scripts) wait for html[data-hydrated] before filling a form.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={props.nonce}
    >
      <TooltipProvider delayDuration={300}>
        {props.children}
        <Toaster position="bottom-right" />
      </TooltipProvider>
    </ThemeProvider>
  );
}
