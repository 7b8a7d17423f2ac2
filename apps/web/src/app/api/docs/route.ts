// The interactive reference of /api/v1 (Scalar), rendering the generated OpenAPI document. Everything it loads is
// served from here (the bundle from the installed package, no CDN): the app runs without internet access.
export const dynamic = "force-static";

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Tenantry REST API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/api/docs/standalone.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

/** Scripts only from this origin, no inline ones; Scalar's styles are injected inline, its fonts are data: URIs. */
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function GET(): Response {
  return new Response(HTML, {
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": POLICY },
  });
}
