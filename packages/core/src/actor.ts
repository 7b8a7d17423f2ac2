// Who performs a service call: the signed-in user acting within one organization, and through which membership.
import type { Permission, TMembershipRole } from "@tenantry/validators";

export interface Actor {
  userId: string;
  organizationId: string;
}

/** The membership an actor acts through, as the transport resolved it for this request. */
export interface ActorMembership {
  id: string;
  role: TMembershipRole;
  /** Set when the member holds a custom role; its permissions replace the built-in role's. */
  customRole: { id: string; name: string } | null;
  permissions: ReadonlySet<Permission>;
}

/** An actor acting through a membership, with that membership's effective permissions. */
export interface MemberActor extends Actor {
  membership: ActorMembership;
}
