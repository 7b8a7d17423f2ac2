// Who performs a service call: the signed-in user acting within one organization.
export interface Actor {
  userId: string;
  organizationId: string;
}

export const actorOf = (ctx: { user: { id: string }; org: { id: string } }): Actor => ({
  userId: ctx.user.id,
  organizationId: ctx.org.id,
});
