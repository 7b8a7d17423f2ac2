"use client";

// App-wide client providers: theme (class on <html>, set before paint by next-themes' inline script, which carries
// the page's CSP nonce), tooltips and toasts. tRPC is provided per organization by the /o/[slug] layout.
import { ThemeProvider } from "next-themes";

import { Toaster } from "~/components/ui/sonner";
import { TooltipProvider } from "~/components/ui/tooltip";

export function Providers(props: { children: React.ReactNode; nonce?: string }) {
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
