import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

describe("teams", () => {
  it("creates, renames, staffs and deletes a team; projects survive unassigned", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const dev = await createUser();
    const devId = await addMembership(org.id, dev.id, "MEMBER");
    const projectId = await createProjectRow(org.id, "Apollo");

    const team = await api.team.create({ name: "Platform" });
    await expectTRPCError(api.team.create({ name: "Platform" }), "CONFLICT");
    expect((await api.team.rename({ id: team.id, name: "Core" })).name).toBe("Core");
    const staffed = await api.team.members.add({ teamId: team.id, membershipId: devId });
    expect(staffed.members.map((m) => m.userId)).toEqual([dev.id]);
    await expectTRPCError(
      api.team.members.add({ teamId: team.id, membershipId: devId }),
      "CONFLICT",
    );
    await api.team.assignProject({ projectId, teamId: team.id });
    const [listed] = await callerAs(dev, org.id).team.list();
    expect(listed).toMatchObject({ name: "Core", projects: [{ id: projectId, name: "Apollo" }] });

    await api.team.delete({ id: team.id });
    expect(await api.team.list()).toEqual([]);
    const { rows } = await admin.query("SELECT team_id FROM projects WHERE id = $1", [projectId]);
    expect(rows).toEqual([{ team_id: null }]);
    const tm = await admin.query(
      "SELECT count(*)::int AS n FROM team_members WHERE organization_id = $1",
      [org.id],
    );
    expect(tm.rows).toEqual([{ n: 0 }]);
  });

  it("drops a removed member from their teams", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const dev = await createUser();
    const devId = await addMembership(org.id, dev.id, "MEMBER");
    const team = await api.team.create({ name: "Ops" });
    await api.team.members.add({ teamId: team.id, membershipId: devId });
    await api.member.remove({ membershipId: devId });
    expect((await api.team.list())[0]?.members).toEqual([]);
  });

  it("requires team.manage and stays within the organization", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const viewer = await createUser();
    await addMembership(a.org.id, viewer.id, "VIEWER");
    await expectTRPCError(callerAs(viewer, a.org.id).team.create({ name: "X" }), "FORBIDDEN");
    expect(await callerAs(viewer, a.org.id).team.list()).toEqual([]);

    const teamA = await callerAs(a.user, a.org.id).team.create({ name: "A" });
    const bOwner = (await callerAs(b.user, b.org.id).organization.current()).membershipId;
    const bProject = await createProjectRow(b.org.id, "B's");
    const asA = callerAs(a.user, a.org.id);
    await expectTRPCError(
      asA.team.members.add({ teamId: teamA.id, membershipId: bOwner }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      asA.team.assignProject({ projectId: bProject, teamId: teamA.id }),
      "NOT_FOUND",
    );
    await expectTRPCError(callerAs(b.user, b.org.id).team.delete({ id: teamA.id }), "NOT_FOUND");
  });
});
