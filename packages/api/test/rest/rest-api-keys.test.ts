// API keys over REST (the tRPC side is src/router/api-key/api-keys.test.ts): a key's scopes bound what its REST
// calls may do, the key stays in its organization whatever the request names, a malformed key is the same 401 as
// an unknown one, and what it writes is audited with the key as the actor.
import { describe, expect, it } from "vitest";

import type { TPermission } from "@tenantry/validators";

import { createCaller, createInnerTRPCContext } from "../../src/index.ts";
import { addMember, admin, createOrganization, createTenant, db } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

async function keyOf(
  user: Parameters<typeof accessTokenFor>[0],
  orgId: string,
  scopes: TPermission[],
) {
  const caller = createCaller(
    createInnerTRPCContext({
      db,
      session: null,
      bearerToken: await accessTokenFor(user),
      organization: orgId,
    }),
  );
  const created = await caller.apiKey.create({ name: "REST", scopes });
  return { id: created.key.id, secret: created.secret };
}

describe("API keys over REST", () => {
  it("allow what their scopes allow and refuse the rest with 403", async () => {
    const { org, user } = await createTenant("RestKeys");
    const { id, secret } = await keyOf(user, org.id, ["project.read", "project.create"]);
    const rest = restClient(secret);
    const created = await rest("POST", "/projects", { body: { name: "Via key" } });
    expect(created.status).toBe(201);
    expect((await rest("GET", "/projects")).body).toMatchObject({
      items: [expect.objectContaining({ name: "Via key" })],
    });
    const refused = await rest("POST", "/tags", { body: { name: "No", color: "#1d4ed8" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const audit = await admin.query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit_logs WHERE organization_id = $1 AND actor = $2`,
      [org.id, `apikey:${id}`],
    );
    expect(audit.rows.map((r) => [r.action.split(".")[0], r.actor_user_id])).toEqual([
      ["project", user.id],
    ]);
  });

  it("stay in their organization whatever the request names", async () => {
    const { org, user } = await createTenant("RestKeysHome");
    const other = await createOrganization("RestKeysOther");
    await addMember(other.id, user.id, "OWNER");
    const { secret } = await keyOf(user, org.id, ["project.read", "organization.read"]);
    const rest = restClient(secret);
    for (const named of [other.id, other.slug]) {
      const viaHeader = await rest("GET", "/projects", { org: named });
      expect(viaHeader.status).toBe(403);
      const viaQuery = await rest("GET", "/projects", { query: { org: named } });
      expect(viaQuery.status).toBe(403);
    }
    expect((await rest("GET", "/organization")).body).toMatchObject({ id: org.id });
  });

  it("answer one 401 for a malformed, a mistyped and a revoked key", async () => {
    const { org, user } = await createTenant("RestKeys401");
    const { id, secret } = await keyOf(user, org.id, ["project.read"]);
    const mistyped = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    await createCaller(
      createInnerTRPCContext({
        db,
        session: null,
        bearerToken: await accessTokenFor(user),
        organization: org.id,
      }),
    ).apiKey.revoke({ id });
    const answers = [];
    for (const key of ["tnt_live_short", mistyped, secret]) {
      const result = await restClient(key)("GET", "/projects");
      answers.push({ status: result.status, detail: (result.body as { detail: string }).detail });
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(new Set(answers.map((a) => a.detail)).size).toBe(1);
  });
});
