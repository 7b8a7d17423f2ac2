// The session's active organization: naming an organization (opening a /o/<slug> page, a token client's header)
// makes it the one that later requests naming none act in, per session; membership is still verified on every
// request. The browser's own queries name their page's organization but never switch the session.
import { describe, expect, it } from "vitest";

import { createSession, startTokenSession } from "@tenantry/auth";

import {
  addMember,
  admin,
  createOrganization,
  createUser,
  db,
  setOrganizationState,
} from "../../../test/fixtures.ts";
import { testClient } from "../../../test/identity-fixtures.ts";
import { createCaller, createInnerTRPCContext } from "../../index.ts";

/**
 * Calls as a browser session: by default as the render of a page the user opened, with `"prefetch"` as the render
 * of a link Next.js prefetches, with `"query"` as the browser's own tRPC query from an open page.
 */
async function browserSession(user: { id: string; email: string; name: string }) {
  const session = await createSession(db, { userId: user.id, kind: "WEB", client: testClient() });
  return (organization: string | null = null, via: "page" | "prefetch" | "query" = "page") =>
    createCaller(
      createInnerTRPCContext({
        db,
        session: { user, sessionId: session.id },
        client: testClient(),
        organization,
        shareAuthentication: via !== "query",
        opensPage: via === "page",
      }),
    );
}

async function userIn(...orgs: { id: string }[]) {
  const user = await createUser();
  for (const org of orgs) await addMember(org.id, user.id, "OWNER");
  return user;
}

describe("the session's active organization", () => {
  it("follows the last organization a request named, per session, and the home list marks it", async () => {
    const first = await createOrganization("First");
    const second = await createOrganization("Second");
    const user = await userIn(first, second);
    const laptop = await browserSession(user);
    const phone = await browserSession(user);

    // Nothing named yet: the oldest membership.
    expect((await laptop().organization.current()).id).toBe(first.id);

    await laptop(second.slug).organization.current();
    expect((await laptop().organization.current()).id).toBe(second.id);
    expect((await laptop().organization.mine()).map((o) => [o.id, o.active])).toEqual([
      [first.id, false],
      [second.id, true],
    ]);
    // Another session of the same user keeps its own.
    expect((await phone().organization.current()).id).toBe(first.id);

    // Switching back by id works the same.
    await laptop(first.id).project.list({});
    expect((await laptop().organization.current()).id).toBe(first.id);
  });

  it("is not moved by a prefetch or a query still running for the page being left", async () => {
    const first = await createOrganization("First");
    const second = await createOrganization("Second");
    const user = await userIn(first, second);
    const session = await browserSession(user);

    await session(second.slug).organization.current();
    // The first organization's page, still open while the second one renders, refetches: it is answered there.
    expect((await session(first.slug, "query").organization.current()).id).toBe(first.id);
    // Next.js prefetched a link of the first organization's page: rendered, but nobody opened it.
    expect((await session(first.slug, "prefetch").organization.current()).id).toBe(first.id);
    expect((await session().organization.current()).id).toBe(second.id);
    expect((await session().organization.mine()).find((o) => o.active)?.id).toBe(second.id);
  });

  it("is not moved by a request that fails membership, and falls back when the membership ends", async () => {
    const first = await createOrganization("First");
    const second = await createOrganization("Second");
    const foreign = await createOrganization("Foreign");
    const user = await userIn(first, second);
    const session = await browserSession(user);

    await session(second.slug).organization.current();
    await expect(session(foreign.slug).organization.current()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await session().organization.current()).id).toBe(second.id);

    // Removed from the active organization: the next request lands in the oldest remaining one.
    await admin.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [
      second.id,
      user.id,
    ]);
    expect((await session().organization.current()).id).toBe(first.id);
  });

  it("never defaults to a deleted organization, even when it was the active one", async () => {
    const first = await createOrganization("First");
    const second = await createOrganization("Second");
    const user = await userIn(first, second);
    const session = await browserSession(user);
    await session(second.id).organization.current();
    await setOrganizationState(second.id, { status: "DELETED" });
    expect((await session().organization.current()).id).toBe(first.id);
  });

  it("works for token clients too: the header switches, later calls without it stay there", async () => {
    const first = await createOrganization("First");
    const second = await createOrganization("Second");
    const user = await userIn(first, second);
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const client = (organization: string | null = null) =>
      createCaller(
        createInnerTRPCContext({
          db,
          session: null,
          bearerToken: tokens.accessToken,
          organization,
        }),
      );
    expect((await client().organization.current()).id).toBe(first.id);
    await client(second.slug).organization.current();
    expect((await client().organization.current()).id).toBe(second.id);
  });
});
