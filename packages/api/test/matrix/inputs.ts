// Inputs for every procedure of the app router, built from a target world's objects (`w`) and the caller's own
// world (`own`). In the cross-tenant matrix `w` is another organization, so the mixed cases (own parent, foreign
// child) try to pull a foreign row into the caller's organization; in the permission matrix both are the caller's
// own, so every input is valid there. A procedure added to the router without an entry here fails the matrices.
import { randomBytes } from "node:crypto";

import type { World } from "./factory.ts";
import { knowledgeUpload, upload } from "./upload-inputs.ts";

export interface InputCase {
  input: unknown;
  /**
   * "no-leak": the input names the target only as a value the procedure checks against the caller's own data
   * (a confirmation, an email that must answer the same whether or not it exists); the call must then leave the
   * target untouched and unnamed, but may fail with any client error. Default: decided by whether it names the
   * target at all.
   * "capability": the input is a secret the target handed out (an invitation link); holding it may show what the
   * link shows, but it must still change nothing the holder is not entitled to.
   */
  expect?: "no-leak" | "capability";
}

/** Each element is an input, or an InputCase wrapping one with its expectation. */
type Builder = (w: World, own: World) => unknown[];

const REASON = "matrix check";
const WRONG_PASSWORD = "definitely not the password";
const NEW_PASSWORD = "a brand new passphrase 2026";
const fresh = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;

const forgedToken = (w: World) => `${w.org.id}.${w.invitation.id}.${"A".repeat(43)}`;
const owner = (w: World) => w.members.OWNER;
const noLeak = (input: unknown): InputCase => ({ input, expect: "no-leak" });

export const INPUTS: Record<string, Builder> = {
  "account.me": () => [undefined],
  "account.updateProfile": () => [{ name: "Renamed user" }],
  "account.changePassword": () => [{ currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD }],
  // The new address is checked for availability only after the password; either way nothing of w's is touched.
  "account.requestEmailChange": (w) => [
    noLeak({ newEmail: owner(w).user.email, currentPassword: WRONG_PASSWORD }),
  ],
  "account.delete": (w, own) => [
    noLeak({ currentPassword: WRONG_PASSWORD, confirmEmail: owner(w).user.email }),
    { currentPassword: WRONG_PASSWORD, confirmEmail: owner(own).user.email },
  ],

  // A conversation is its MEMBER's: the other roles' calls answer NOT_FOUND, and so do outsiders'.
  "chat.conversation.list": () => [{}, { archived: true }],
  "chat.conversation.get": (w) => [{ conversationId: w.conversationId }],
  "chat.conversation.create": (w) => [{ agentId: w.agentId }, { agentId: w.inactiveAgentId }],
  "chat.conversation.rename": (w) => [{ conversationId: w.conversationId, title: "Renamed chat" }],
  "chat.conversation.archive": (w) => [{ conversationId: w.conversationId, archived: true }],
  "chat.conversation.delete": (w) => [{ conversationId: w.conversationId }],
  "chat.conversation.auditList": (w) => [{}, { userId: w.members.MEMBER.user.id }],
  "chat.message.list": (w) => [{ conversationId: w.conversationId }],
  "chat.send": (w) => [{ conversationId: w.conversationId, content: "How much leave do I get?" }],
  "chat.resume": (w) => [{ conversationId: w.conversationId }],
  "chat.decide": (w) => [
    {
      conversationId: w.conversationId,
      messageId: w.messageId,
      toolCallId: "call_1",
      decision: "confirm",
    },
  ],
  "chat.usage": () => [undefined],
  "agent.options": () => [undefined],
  "agent.list": () => [undefined, { includeInactive: true }],
  "agent.get": (w) => [{ id: w.agentId }, { id: w.inactiveAgentId }],
  // Attaching a foreign document to the caller's own new agent must fail without naming it.
  "agent.create": (w) => [
    { name: fresh("agent"), type: "documentation" },
    { name: fresh("agent"), type: "hr", documentIds: [w.knowledgeDocumentId] },
    { name: fresh("agent"), type: "hr", projectId: w.project.id },
  ],
  "agent.update": (w, own) => [
    { id: w.agentId, name: fresh("renamed"), systemPrompt: "Answer briefly." },
    { id: own.agentId, documentIds: [w.knowledgeDocumentId] },
  ],
  "agent.deactivate": (w) => [{ id: w.agentId }],
  "agent.reactivate": (w) => [{ id: w.inactiveAgentId }],

  "knowledge.list": () => [undefined],
  "knowledge.get": (w) => [{ id: w.knowledgeDocumentId }],
  "knowledge.search": (w, own) => [
    { query: `${w.marker} vacation`, agentId: w.agentId },
    // The caller's own agent cannot reach another organization's passages either.
    { query: `${w.marker} vacation`, agentId: own.agentId },
  ],
  "knowledge.upload": () => [knowledgeUpload()],
  "knowledge.delete": (w) => [{ id: w.knowledgeDocumentId }],

  "apiKey.list": () => [undefined],
  "apiKey.create": () => [{ name: fresh("key"), scopes: ["project.read"] }],
  "apiKey.revoke": (w) => [{ id: w.apiKeyId }],
  "apiKey.rotate": (w) => [{ id: w.apiKeyId }],

  "admin.usage": () => [{ from: "2026-12-01", to: "2026-12-02" }],
  "admin.organizations.list": (w) => [{ query: w.org.name }],
  "admin.organizations.get": (w) => [{ id: w.org.id }],
  "admin.organizations.suspend": (w) => [{ id: w.org.id, reason: REASON }],
  "admin.organizations.reinstate": (w) => [{ id: w.org.id, reason: REASON }],
  "admin.organizations.restore": (w) => [{ id: w.org.id, reason: REASON }],
  "admin.plans.limits": (w) => [{ id: w.org.id }],
  "admin.plans.setPlan": (w) => [{ id: w.org.id, plan: "ENTERPRISE", reason: REASON }],
  "admin.plans.setOverride": (w) => [
    { id: w.org.id, limit: "maxProjects", value: 500, reason: REASON },
  ],
  "admin.plans.clearOverride": (w) => [{ id: w.org.id, limit: "maxApiKeys", reason: REASON }],
  "admin.plans.requests": () => [undefined],
  "admin.plans.decide": (w) => [
    { organizationId: w.org.id, requestId: w.planRequestId, decision: "DECLINED", note: REASON },
  ],
  "admin.licenses.list": (w) => [{ organizationId: w.org.id }],
  "admin.licenses.issue": (w) => [
    { organizationId: w.org.id, type: "STANDARD", seats: 5, expiresAt: null },
  ],
  "admin.licenses.setStatus": (w) => [
    { organizationId: w.org.id, id: w.licenseId, status: "REVOKED", reason: REASON },
  ],
  "admin.users.list": (w) => [{ query: owner(w).user.email }],
  "admin.users.get": (w) => [{ id: owner(w).user.id }],
  "admin.users.setStatus": (w) => [{ id: owner(w).user.id, status: "SUSPENDED", reason: REASON }],
  "admin.users.history": (w) => [{ id: owner(w).user.id }],
  "admin.users.setPlatformRole": (w, own) => [
    { id: owner(w).user.id, platformRole: "ADMIN", reason: REASON },
    { id: owner(own).user.id, platformRole: "ADMIN", reason: REASON },
  ],
  "admin.audit.list": (w) => [{ organizationId: w.org.id }],
  "admin.jobs.list": () => [{ limit: 5 }],
  "admin.jobs.retry": () => [
    { queue: "event.dispatch", jobId: "00000000-0000-4000-8000-000000000000" },
  ],

  // Public flows answer the same for a registered and an unknown email (no account enumeration).
  "auth.signUp": (w) => [
    noLeak({
      email: owner(w).user.email,
      name: "Someone",
      password: NEW_PASSWORD,
      organizationName: "Other org",
    }),
  ],
  "auth.verifyEmail": () => [{ token: "A".repeat(43) }],
  "auth.resendVerification": (w) => [noLeak({ email: owner(w).user.email })],
  "auth.requestPasswordReset": (w) => [noLeak({ email: owner(w).user.email })],
  "auth.resetPassword": () => [{ token: "A".repeat(43), password: NEW_PASSWORD }],
  "auth.admin.lockStatus": (w) => [{ userId: owner(w).user.id }],
  "auth.admin.unlock": (w) => [{ userId: owner(w).user.id, reason: REASON }],
  "auth.admin.revokeSessions": (w) => [{ userId: owner(w).user.id, reason: REASON }],

  "audit.list": (w) => [
    {},
    { targetType: "project", targetId: w.project.id },
    { actorUserId: owner(w).user.id, action: "project.", from: "2020-01-01", to: "2100-01-01" },
  ],
  "audit.exportPage": (w) => [{ limit: 100 }, { targetType: "project", targetId: w.project.id }],
  "audit.verify": () => [undefined],

  "notification.list": () => [{}, { unreadOnly: true }],
  "notification.unreadCount": () => [undefined],
  "notification.markRead": (w) => [{ ids: [w.notificationId] }],
  "notification.markAllRead": () => [undefined],
  "notification.preferences": () => [undefined],
  "notification.setPreference": () => [{ kind: "MENTION", inApp: true, email: false }],

  "invitation.list": () => [undefined],
  "invitation.create": (w) => [
    // An address another organization invited is just an address here: B's invitation is B's own.
    noLeak({ email: w.invitation.email, role: "MEMBER" }),
    { email: `${fresh("inv")}@example.test`, customRoleId: w.readerRoleId },
  ],
  "invitation.resend": (w) => [{ id: w.invitation.id }],
  "invitation.revoke": (w) => [{ id: w.invitation.id }],
  // A valid link shows its organization and addressee to whoever holds it; accepting needs the invited email.
  // Without the secret, the organization and invitation ids alone must get nowhere.
  "invitation.preview": (w) => [
    { input: { token: w.invitation.token }, expect: "capability" },
    { token: forgedToken(w) },
  ],
  "invitation.accept": (w) => [
    { input: { token: w.invitation.token }, expect: "capability" },
    { token: forgedToken(w) },
  ],
  // Naming another organization's invitation without being its addressee must get NOT_FOUND and change nothing.
  "invitation.mine": () => [undefined],
  "invitation.acceptMine": (w) => [{ organizationId: w.org.id, id: w.invitation.id }],
  "invitation.declineMine": (w) => [{ organizationId: w.org.id, id: w.invitation.id }],

  "license.list": () => [undefined],
  "license.assignSeat": (w, own) => [
    { licenseId: w.licenseId, membershipId: w.members.ADMIN.membershipId },
    { licenseId: own.licenseId, membershipId: w.members.ADMIN.membershipId },
    { licenseId: w.licenseId, membershipId: own.members.ADMIN.membershipId },
  ],
  "license.unassignSeat": (w) => [{ membershipId: w.members.MEMBER.membershipId }],

  "member.list": () => [{}],
  "member.updateRole": (w, own) => [
    { membershipId: w.members.MEMBER.membershipId, role: "ADMIN" },
    { membershipId: own.members.VIEWER.membershipId, customRoleId: w.readerRoleId },
  ],
  "member.remove": (w) => [{ membershipId: w.members.VIEWER.membershipId }],
  "member.leave": () => [undefined],

  "organization.mine": () => [undefined],
  "organization.create": () => [{ name: "New org", slug: fresh("new") }],
  "organization.current": () => [undefined],
  "organization.update": () => [{ name: "Renamed org" }, { allowedEmailDomains: ["example.com"] }],
  "organization.archive": () => [undefined],
  "organization.unarchive": () => [undefined],
  // The slug only confirms the caller's own organization; naming another one must not delete anything.
  "organization.delete": (w) => [noLeak({ confirmSlug: w.org.slug })],
  "organization.restore": () => [undefined],
  "organization.transfer.current": () => [undefined],
  "organization.transfer.propose": (w) => [{ membershipId: w.members.ADMIN.membershipId }],
  "organization.transfer.accept": (w) => [{ id: w.transferId }],
  "organization.transfer.decline": (w) => [{ id: w.transferId }],
  "organization.transfer.cancel": (w) => [{ id: w.transferId }],

  "plan.usage": () => [undefined],
  "plan.options": () => [undefined],
  // Moving down from PRO fits the factory's organization; moving up is a request (self-service upgrades are off).
  "plan.change": () => [{ plan: "FREE" }],
  "plan.request.create": () => [{ plan: "ENTERPRISE", message: REASON }],
  "plan.request.cancel": (w) => [{ id: w.planRequestId }],

  "project.list": (w) => [{}, { search: w.marker, includeArchived: true }],
  "project.get": (w) => [{ id: w.project.id }, { id: w.hiddenProject.id }],
  "project.create": (w) => [{ name: "New project", teamId: w.teamId }],
  "project.update": (w, own) => [
    { id: w.project.id, name: "Renamed project" },
    { id: own.project.id, teamId: w.teamId },
  ],
  "project.archive": (w) => [{ id: w.project.id }],
  "project.unarchive": (w) => [{ id: w.project.id }],
  "project.delete": (w) => [{ id: w.hiddenProject.id }],
  "project.deleted": () => [undefined],
  "project.restore": (w) => [{ id: w.project.id }],
  "project.member.list": (w) => [{ id: w.project.id }, { id: w.hiddenProject.id }],
  "project.member.add": (w, own) => [
    { id: w.hiddenProject.id, membershipIds: [w.members.ADMIN.membershipId] },
    { id: own.hiddenProject.id, membershipIds: [w.members.ADMIN.membershipId] },
  ],
  "project.member.remove": (w, own) => [
    { id: w.project.id, membershipIds: [w.members.OWNER.membershipId] },
    { id: own.project.id, membershipIds: [w.members.OWNER.membershipId] },
  ],

  "role.catalog": () => [undefined],
  "role.create": () => [{ name: fresh("role"), permissions: ["project.read"] }],
  "role.update": (w) => [{ id: w.readerRoleId, name: fresh("renamed") }],
  "role.delete": (w) => [{ id: w.readerRoleId }],

  "session.list": () => [undefined],
  "session.revoke": (w) => [{ id: w.ownerSessionId }],
  "session.revokeOthers": () => [undefined],

  "tag.list": () => [undefined],
  "tag.create": () => [{ name: fresh("tag"), color: "#123456" }],
  "tag.update": (w) => [{ id: w.tagId, name: fresh("renamed") }],
  "tag.delete": (w) => [{ id: w.tagId }],

  "task.list": (w) => [
    {},
    { projectId: w.project.id },
    { projectId: w.hiddenProject.id },
    { assigneeId: w.members.MEMBER.membershipId },
    { tagId: w.tagId },
    { teamId: w.teamId },
    { search: w.marker },
  ],
  "task.get": (w) => [
    { id: w.project.task.id },
    { id: w.project.task.subtaskId },
    { id: w.hiddenProject.task.id },
  ],
  "task.create": (w, own) => [
    { projectId: w.project.id, title: "New task" },
    { projectId: own.project.id, title: "Child", parentId: w.project.task.id },
    {
      projectId: own.project.id,
      title: "Linked",
      assigneeIds: [w.members.MEMBER.membershipId],
      tagIds: [w.tagId],
    },
  ],
  "task.update": (w, own) => [
    { id: w.project.task.id, title: "Renamed task" },
    { id: own.project.task.id, parentId: w.project.task.id },
    { id: own.project.task.id, assigneeIds: [w.members.MEMBER.membershipId] },
    { id: own.project.task.id, tagIds: [w.tagId] },
  ],
  "task.delete": (w) => [{ id: w.hiddenProject.task.subtaskId }],
  "task.restore": (w) => [{ id: w.project.task.id }, { id: w.hiddenProject.task.id }],
  "task.bulkDelete": (w, own) => [
    { ids: [w.hiddenProject.task.subtaskId] },
    { ids: [own.hiddenProject.task.subtaskId, w.hiddenProject.task.subtaskId] },
  ],
  "task.bulk": (w, own) => [
    { ids: [w.project.task.id], action: { type: "setStatus", status: "DONE" } },
    {
      ids: [own.project.task.id],
      action: { type: "addAssignee", membershipId: w.members.MEMBER.membershipId },
    },
    {
      ids: [own.project.task.id],
      action: { type: "setAssignees", membershipIds: [w.members.MEMBER.membershipId] },
    },
    { ids: [own.project.task.id], action: { type: "addTag", tagId: w.tagId } },
  ],
  "task.activity": (w) => [{ taskId: w.project.task.id }, { taskId: w.hiddenProject.task.id }],
  "task.analytics": (w) => [{}, { projectId: w.project.id }, { projectId: w.hiddenProject.id }],
  "task.attachment.list": (w) => [{ id: w.project.task.id }, { id: w.hiddenProject.task.id }],
  "task.attachment.get": (w) => [
    { id: w.project.task.attachmentId },
    { id: w.hiddenProject.task.attachmentId },
  ],
  "task.attachment.upload": (w) => [upload(w.project.task.id)],
  "task.attachment.delete": (w) => [{ id: w.hiddenProject.task.attachmentId }],
  "task.comment.list": (w) => [{ taskId: w.project.task.id }, { taskId: w.hiddenProject.task.id }],
  "task.comment.create": (w, own) => [
    { taskId: w.project.task.id, body: "Hello" },
    { taskId: own.project.task.id, body: "Hi", mentionIds: [w.members.OWNER.membershipId] },
  ],
  "task.comment.update": (w, own) => [
    { id: w.project.task.commentId, body: "Edited" },
    {
      id: own.project.task.commentId,
      body: "Edited",
      mentionIds: [w.members.OWNER.membershipId],
    },
  ],
  "task.comment.delete": (w) => [{ id: w.hiddenProject.task.commentId }],

  "usage.summary": () => [{ from: "2026-12-01", to: "2026-12-02" }],
  "usage.quotas": () => [undefined],

  "webhook.eventTypes": () => [undefined],
  "webhook.list": () => [undefined],
  "webhook.create": () => [
    { url: `https://hooks.example.test/${fresh("new")}`, eventTypes: ["task.created"] },
  ],
  "webhook.update": (w) => [{ endpointId: w.webhookEndpointId, description: fresh("described") }],
  "webhook.rotateSecret": (w) => [{ endpointId: w.webhookEndpointId }],
  "webhook.delete": (w) => [{ endpointId: w.webhookEndpointId }],
  "webhook.deliveries": (w) => [{ endpointId: w.webhookEndpointId }],
  "webhook.redeliver": (w, own) => [
    { endpointId: w.webhookEndpointId, deliveryId: w.webhookDeliveryId },
    // Own endpoint, foreign delivery: must not be found either.
    { endpointId: own.webhookEndpointId, deliveryId: w.webhookDeliveryId },
  ],
  "webhook.sendTest": (w) => [{ endpointId: w.webhookEndpointId }],

  "team.list": () => [undefined],
  "team.create": () => [{ name: fresh("team") }],
  "team.rename": (w) => [{ id: w.teamId, name: fresh("renamed") }],
  "team.delete": (w) => [{ id: w.teamId }],
  "team.members.add": (w, own) => [
    { teamId: w.teamId, membershipId: w.members.ADMIN.membershipId },
    { teamId: own.teamId, membershipId: w.members.ADMIN.membershipId },
  ],
  "team.members.remove": (w, own) => [
    { teamId: w.teamId, membershipId: w.members.MEMBER.membershipId },
    { teamId: own.teamId, membershipId: w.members.MEMBER.membershipId },
  ],
  "team.assignProject": (w, own) => [
    { projectId: w.project.id, teamId: null },
    { projectId: own.project.id, teamId: w.teamId },
    { projectId: w.project.id, teamId: own.teamId },
  ],
};

function isCase(value: unknown): value is InputCase {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof FormData) &&
    "input" in value &&
    Object.keys(value).every((k) => k === "input" || k === "expect")
  );
}

/** The cases of `path`, or null when the procedure has no builder (the caller must fail the test then). */
export function inputCases(path: string, w: World, own: World): InputCase[] | null {
  const builder = INPUTS[path];
  if (!builder) return null;
  return builder(w, own).map((value) => (isCase(value) ? value : { input: value }));
}
