// The cross-tenant matrix over REST, generated from the route registry: every route, called by the owner of
// organization B — by bearer token and by a same-origin cookie session (the browser's way in, past the cross-site
// rule of the route files) — with A's id or slug as the organization, with B's, and with none, with the inputs
// the tRPC matrix builds for the route's procedure (test/matrix/inputs.ts) naming A's objects. The same judge
// decides: denied (401/403/404) or an answer identical to one for ids that exist nowhere; no answer names A; A's
// rows are unchanged. A route whose procedure has no input builder fails here, as a procedure does there.
import { beforeAll, describe, expect, it } from "vitest";

import type { RestRoute } from "../../src/rest/index.ts";
import type { Outcome } from "../matrix/callers.ts";
import type { World } from "../matrix/factory.ts";
import type { RestCall, RestResult } from "./rest-client.ts";
import { appRouter } from "../../src/index.ts";
import { REST_ROUTES } from "../../src/rest/index.ts";
import { procedureEntries } from "../matrix/callers.ts";
import { createWorld, needlesOf } from "../matrix/factory.ts";
import { inputCases } from "../matrix/inputs.ts";
import { inputText, judge } from "../matrix/judge.ts";
import { tenantDigest } from "../matrix/tenant-state.ts";
import { accessTokenFor, cookieSessionFor, restClient } from "./rest-client.ts";

const CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  422: "BAD_REQUEST",
  429: "TOO_MANY_REQUESTS",
};

function outcomeOf(result: RestResult): Outcome {
  if (result.status < 300) return { ok: true, body: result.body };
  const detail = (result.body as { detail?: string } | null)?.detail ?? result.text;
  return {
    ok: false,
    code: CODES[result.status] ?? "INTERNAL_SERVER_ERROR",
    message: detail,
    error: result.body,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The request for a procedure input: path parameters taken out of it, the rest as query or body. */
function requestFor(route: RestRoute, input: unknown) {
  const fields = isRecord(input) ? { ...input } : {};
  let url = route.path;
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    const value = name ? fields[name] : undefined;
    url = url.replace(
      `{${name ?? ""}}`,
      encodeURIComponent(typeof value === "string" ? value : "missing"),
    );
    if (name) delete fields[name];
  }
  const fromQuery =
    (route.input ?? (["GET", "DELETE"].includes(route.method) ? "query" : "body")) === "query";
  if (!fromQuery) return { url, body: isRecord(input) ? fields : input };
  const query: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    query[k] = (Array.isArray(v) ? v : [v]).map((x) =>
      typeof x === "string" ? x : JSON.stringify(x),
    );
  }
  return { url, query };
}

async function callRoute(rest: RestCall, route: RestRoute, input: unknown, org: string | null) {
  const { url, ...rest2 } = requestFor(route, input);
  return outcomeOf(await rest(route.method, url, { ...rest2, org }));
}

// Token endpoints touch no organization; the multipart upload is its procedure's, matrixed by tRPC.
const permissions = new Map(procedureEntries(appRouter).map((p) => [p.path, p.permission]));

const ROUTES = REST_ROUTES.filter((r) => !r.public && r.file !== "upload");

describe("REST cross-tenant matrix", () => {
  let a: World;
  beforeAll(async () => {
    a = await createWorld("RestVictim");
  });

  it("refuses every cookie-session write that is not same-origin, before it runs", async () => {
    const b = await createWorld("RestCrossSite");
    const before = await tenantDigest(b);
    const rest = restClient(null, { session: await cookieSessionFor(b.members.OWNER.user) });
    const writes = ROUTES.filter((r) => r.method !== "GET");
    const crossSite: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const route of writes) {
      const [first] = inputCases(route.procedure, b, b) ?? [];
      for (const headers of crossSite) {
        const { url, ...request } = requestFor(route, first?.input);
        const result = await rest(route.method, url, { ...request, org: b.org.id, headers });
        expect(result.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403);
        expect(result.body).toMatchObject({ status: 403 });
        expect(result.text).toContain("Cross-site requests are not allowed");
      }
    }
    expect(await tenantDigest(b), "B's rows changed").toEqual(before);
    // The same session, same-origin, does get in: the matrix's refusals are not a session that never worked.
    const mine = await rest("GET", "/organization", { org: b.org.id });
    expect(mine.body).toMatchObject({ id: b.org.id });
    const tag = { name: `${b.marker} same-origin`, color: "#1d4ed8" };
    expect((await rest("POST", "/tags", { body: tag, org: b.org.id })).status).toBe(201);
  });

  it("has a fixture (input builder) for every route's procedure", async () => {
    const b = await createWorld("RestProbe");
    expect(ROUTES.filter((r) => inputCases(r.procedure, a, b) === null).map((r) => r.path)).toEqual(
      [],
    );
  });

  it.concurrent.each(ROUTES)("$method $path", async (route) => {
    const b = await createWorld("RestAttacker");
    const attacker = b.members.OWNER.user;
    const credentials: [string, RestCall][] = [
      ["bearer token", restClient(await accessTokenFor(attacker))],
      ["cookie session", restClient(null, { session: await cookieSessionFor(attacker) })],
    ];
    const cases = inputCases(route.procedure, a, b) ?? [];
    const before = await tenantDigest(a);
    const problems: string[] = [];
    for (const [credential, rest] of credentials) {
      for (const header of [a.org.id, a.org.slug, b.org.id, null]) {
        for (const { input, expect: expectation } of cases) {
          const outcome = await callRoute(rest, route, input, header);
          const problem = await judge(
            needlesOf(a),
            {
              path: route.procedure,
              type: route.method === "GET" ? "query" : "mutation",
              orgScoped: permissions.get(route.procedure) !== undefined,
              headerIsA: header === a.org.id || header === a.org.slug,
              input,
              expectation,
            },
            outcome,
            (probe) => callRoute(rest, route, probe, header),
          );
          if (problem)
            problems.push(
              `${credential}, header ${String(header)}, input ${inputText(input)}: ${problem}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await tenantDigest(a), "A's rows changed").toEqual(before);
  });
});
