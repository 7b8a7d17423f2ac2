// Security headers over real HTTP: pages carry a Content-Security-Policy whose per-response nonce is on every script
// the page has (no inline script runs without it), framing is refused, and the other hardening headers are set on
// pages and API alike; HSTS only when the request came over HTTPS, as a trusted proxy reports it.
import { expect, request as playwrightRequest, test } from "@playwright/test";

import { signInApi } from "../../support/auth";

// eslint-disable-next-line no-restricted-syntax -- set by scripts/run.ts for this run
const { E2E_PROXIED_BASE_URL } = process.env;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(
        (tokens): tokens is [string, ...string[]] => tokens[0] !== undefined && tokens[0] !== "",
      )
      .map(([name, ...values]) => [name, values]),
  );
}

test("a page's CSP nonce is fresh per response and on every script of the page", async ({
  request,
}) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/sign-in");
    expect(res.status()).toBe(200);
    const policy = directives(res.headers()["content-security-policy"] ?? "");
    const scriptSrc = policy.get("script-src") ?? [];
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(
      scriptSrc.find((value) => value.startsWith("'nonce-")) ?? "",
    )?.[1];
    expect(nonce, "script-src has a nonce").toBeDefined();
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'"); // production build
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false); // served over plain HTTP

    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    // Next.js's runtime and chunks, its inline flight data, and next-themes' inline theme script.
    expect(scripts.length).toBeGreaterThan(3);
    for (const tag of scripts)
      expect(tag, "every script carries the nonce").toContain(`nonce="${nonce}"`);
    if (nonce) nonces.push(nonce);
  }
  expect(nonces).toHaveLength(2);
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("hardening headers on pages and API answers; authenticated answers are not stored", async ({
  request,
}) => {
  for (const path of ["/sign-in", "/api/health", "/api/trpc/account.me"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["permissions-policy"], path).toContain("geolocation=()");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
  await signInApi(request);
  const me = await request.get("/api/trpc/account.me");
  expect(me.status()).toBe(200);
  expect(me.headers()["cache-control"]).toBe("no-store");
  const batch = await request.get(
    `/api/trpc/account.me,session.list?batch=1&input=${encodeURIComponent("{}")}`,
  );
  expect(batch.status()).toBe(200);
  expect(batch.headers()["cache-control"]).toBe("no-store");
});

test("HSTS only over HTTPS, and only a trusted proxy can say the request was", async ({
  request,
}) => {
  // A client claiming HTTPS to a server without a trusted proxy changes nothing.
  const claimed = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  expect(claimed.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");

  if (!E2E_PROXIED_BASE_URL) throw new Error("E2E_PROXIED_BASE_URL is set by scripts/run.ts");
  const proxied = await playwrightRequest.newContext({ baseURL: E2E_PROXIED_BASE_URL });
  const https = await proxied.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  const api = await proxied.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(api.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  const plain = await proxied.get("/sign-in", { headers: { "x-forwarded-proto": "http" } });
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  await proxied.dispose();
});
