import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";

import { Providers } from "~/components/providers";
import { inter } from "~/lib/fonts";
import { cn } from "~/lib/utils";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tenantry", template: "%s · Tenantry" },
  description: "Multi-tenant workspace for organizations, projects and tasks",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#101114" },
  ],
};

export default async function RootLayout(props: { children: React.ReactNode }) {
  // The CSP nonce of this response (src/proxy.ts). Reading it makes every page dynamic, which a nonce requires.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class before hydration; the attribute differs from the server's on purpose.
    <html lang="en" suppressHydrationWarning className={inter.variable}>
      <body className={cn("min-h-dvh")}>
        <Providers nonce={nonce}>{props.children}</Providers>
      </body>
    </html>
  );
}
