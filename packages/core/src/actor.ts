// Who performs a service call: the signed-in user acting within one organization, and through which membership.
import type { Permission, TMembershipRole } from "@tenantry/validators";

/** Where a call came from, recorded on the audit entries it writes; absent for jobs and scripts. */
export interface RequestMeta {
  requestId: string;
  /** The client address as the HTTP edge resolved it (TRUST_PROXY), or "" when unknown. */
  ip: string;
  userAgent: string;
}

export interface Actor {
  userId: string;
  organizationId: string;
  /** Set when the call authenticated with an organization API key: audit entries name `apikey:<id>` as actor. */
  apiKeyId?: string | null;
  request?: RequestMeta;
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
