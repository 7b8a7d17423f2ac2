// Who performs a service call: the signed-in user acting within one organization.
import type { Permission } from "@tenantry/validators";

export interface Actor {
  userId: string;
  organizationId: string;
}

/** An actor acting through a membership, with that membership's effective permissions. */
export interface MemberActor extends Actor {
  membershipId: string;
  permissions: ReadonlySet<Permission>;
}

export const actorOf = (ctx: { user: { id: string }; org: { id: string } }): Actor => ({
  userId: ctx.user.id,
  organizationId: ctx.org.id,
});

export const memberActorOf = (ctx: {
  user: { id: string };
  org: { id: string };
  membership: { id: string; permissions: ReadonlySet<Permission> };
}): MemberActor => ({
  userId: ctx.user.id,
  organizationId: ctx.org.id,
  membershipId: ctx.membership.id,
  permissions: ctx.membership.permissions,
});
