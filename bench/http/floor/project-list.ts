// project.list on the floor: Prisma's statement for listProjects, answered in superjson's envelope.
import type http from "node:http";

import { Envelope, HttpError, parseInput, parseLimit, withTenant } from "./tenant.ts";

export async function projectList(req: http.IncomingMessage, url: URL): Promise<string> {
  const input = parseInput(url);
  for (const k of Object.keys(input)) {
    if (k !== "limit") throw new HttpError(400, `the floor does not support ${k}`);
  }
  const limit = parseLimit(input, 20);
  return withTenant(req, async (client, member) => {
    // Prisma's statement for listProjects' findMany (captured at the wire), parameters in its order.
    const values: unknown[] = [member.organizationId];
    const visible = member.manageAll
      ? ""
      : ` AND ("public"."projects"."visibility" = CAST($${values.push("ORGANIZATION")}::text AS "public"."ProjectVisibility") OR EXISTS(SELECT "t0"."organization_id", "t0"."project_id" FROM "public"."project_members" AS "t0" WHERE ("t0"."organization_id" = $${values.push(member.organizationId)} AND "t0"."membership_id" = $${values.push(member.membershipId)} AND ("public"."projects"."organization_id","public"."projects"."id") = ("t0"."organization_id","t0"."project_id") AND "t0"."organization_id" IS NOT NULL AND "t0"."project_id" IS NOT NULL)))`;
    const text = `SELECT "public"."projects"."id", "public"."projects"."organization_id", "public"."projects"."key", "public"."projects"."name", "public"."projects"."description", "public"."projects"."visibility"::text, "public"."projects"."team_id", "public"."projects"."created_by_id", "public"."projects"."archived_at", "public"."projects"."created_at", "public"."projects"."updated_at" FROM "public"."projects" WHERE ("public"."projects"."organization_id" = $1 AND "public"."projects"."deleted_at" IS NULL${visible} AND "public"."projects"."archived_at" IS NULL) ORDER BY "public"."projects"."created_at" DESC, "public"."projects"."id" DESC LIMIT $${values.push(limit + 1)} OFFSET $${values.push(0)}`;
    const { rows } = await client.query<{
      id: string;
      organization_id: string;
      key: string;
      name: string;
      description: string;
      visibility: string;
      team_id: string | null;
      created_by_id: string | null;
      archived_at: Date | null;
      created_at: Date;
      updated_at: Date;
    }>(text, values);
    const env = new Envelope();
    const page = rows.slice(0, limit);
    const items = page.map((p, i) => ({
      id: p.id,
      organizationId: p.organization_id,
      key: p.key,
      name: p.name,
      description: p.description,
      visibility: p.visibility,
      teamId: p.team_id,
      createdById: p.created_by_id,
      archivedAt: env.date(p.archived_at, `items.${i}.archivedAt`),
      createdAt: env.date(p.created_at, `items.${i}.createdAt`),
      updatedAt: env.date(p.updated_at, `items.${i}.updatedAt`),
    }));
    const last = page.at(-1);
    return env.body({ items, nextCursor: rows.length > limit && last ? last.id : null });
  });
}
