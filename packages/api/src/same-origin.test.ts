import { describe, expect, it } from "vitest";

import { crossOriginReason, csrfRefusal, ownOrigin } from "./same-origin.ts";

const PUBLIC = ["https://app.example"];
const headers = (init: Record<string, string>) =>
  new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", ...init });

describe("ownOrigin", () => {
  it("is the resolved scheme and host, default ports dropped", () => {
    expect(ownOrigin(headers({}))).toBe("http://localhost:3000");
    expect(ownOrigin(new Headers({ host: "app.example:443", "x-forwarded-proto": "https" }))).toBe(
      "https://app.example",
    );
    expect(
      ownOrigin(new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "app.example" })),
    ).toBe("http://app.example");
    expect(ownOrigin(new Headers())).toBeNull();
    expect(ownOrigin(new Headers({ host: "bad host" }))).toBeNull();
  });
});

describe("crossOriginReason", () => {
  it("allows the request's own origin and the configured public origins", () => {
    expect(crossOriginReason(headers({ origin: "http://localhost:3000" }), PUBLIC)).toBeNull();
    expect(crossOriginReason(headers({ origin: "https://app.example" }), PUBLIC)).toBeNull();
    expect(
      crossOriginReason(
        headers({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }),
        PUBLIC,
      ),
    ).toBeNull();
  });

  it("refuses foreign origins, including another scheme or port of this host", () => {
    for (const origin of [
      "https://evil.example",
      "https://localhost:3000",
      "http://localhost:3001",
      "http://app.example",
    ]) {
      expect(crossOriginReason(headers({ origin }), PUBLIC)).toMatch(/is not this site/);
    }
  });

  it("refuses Origin: null and malformed origins", () => {
    expect(crossOriginReason(headers({ origin: "null" }), PUBLIC)).toMatch(/Origin is null/);
    expect(crossOriginReason(headers({ origin: "not a url" }), PUBLIC)).toMatch(/malformed/);
  });

  it("a missing Origin passes only with Sec-Fetch-Site: same-origin", () => {
    expect(crossOriginReason(headers({ "sec-fetch-site": "same-origin" }), PUBLIC)).toBeNull();
    expect(crossOriginReason(headers({}), PUBLIC)).toMatch(/no Origin header/);
    expect(crossOriginReason(headers({ "sec-fetch-site": "none" }), PUBLIC)).toMatch(/no Origin/);
    expect(crossOriginReason(headers({ "sec-fetch-site": "same-site" }), PUBLIC)).toMatch(
      /no Origin/,
    );
  });

  it("Sec-Fetch-Site: cross-site is refused whatever the Origin says", () => {
    expect(
      crossOriginReason(
        headers({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }),
        PUBLIC,
      ),
    ).toMatch(/cross-site/);
  });

  it("a forged X-Forwarded-Host cannot make a foreign origin this site's: server.ts drops it", () => {
    // What the route sees once server.ts has removed an untrusted client's X-Forwarded-Host: only Host is left.
    expect(crossOriginReason(headers({ origin: "https://evil.example" }), [])).toMatch(/not this/);
  });
});

describe("csrfRefusal", () => {
  const post = (init: Record<string, string>) => ({ method: "POST", headers: headers(init) });

  it("checks only unsafe methods", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(
        csrfRefusal({ method, headers: headers({ origin: "https://evil.example" }) }, []),
      ).toBe(null);
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(
        csrfRefusal({ method, headers: headers({ origin: "https://evil.example" }) }, []),
      ).toMatch(/^Cross-site requests are not allowed: Origin https:\/\/evil.example/);
    }
  });

  it("bearer-token requests are not at risk and pass from anywhere", () => {
    expect(
      csrfRefusal(post({ origin: "https://evil.example", authorization: "Bearer abc.def" }), []),
    ).toBeNull();
    expect(csrfRefusal(post({ authorization: "Bearer abc" }), [])).toBeNull();
  });

  it("another Authorization scheme does not count as a token (the cookie would be used)", () => {
    expect(
      csrfRefusal(
        post({ origin: "https://evil.example", authorization: "Basic dXNlcjpwdw==" }),
        [],
      ),
    ).toMatch(/not this site/);
  });
});
