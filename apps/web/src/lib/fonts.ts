// Inter from the @fontsource-variable package, self-hosted by next/font/local (no network fonts, no layout shift:
// next/font adds a size-adjusted fallback and preloads the file).
import localFont from "next/font/local";

export const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});
