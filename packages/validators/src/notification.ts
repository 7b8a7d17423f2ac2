// Notifications: kinds, the data each carries, preferences, and the one sentence each reads as (used by the in-app
// list and by the email subject, so both say the same thing).
import { z } from "zod";

import { ZId, ZPageInput } from "./common.ts";

export const NOTIFICATION_KINDS = [
  "MENTION",
  "TASK_ASSIGNED",
  "TASK_COMMENT",
  "INVITATION",
  "OWNERSHIP_TRANSFER",
  "WEBHOOK_DISABLED",
  "QUOTA_WARNING",
  "PLAN_REQUEST",
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const NOTIFICATION_KIND_LABELS: Record<TNotificationKind, string> = {
  MENTION: "Someone mentions me in a comment",
  TASK_ASSIGNED: "I am assigned a task",
  TASK_COMMENT: "Someone comments on a task I am assigned to",
  INVITATION: "Someone accepts an invitation I sent",
  OWNERSHIP_TRANSFER: "Ownership of an organization is offered to me",
  WEBHOOK_DISABLED: "A webhook endpoint is disabled after failures (admins)",
  QUOTA_WARNING: "The organization nears a monthly quota of its plan (admins)",
  PLAN_REQUEST: "A plan change I requested is approved or declined",
};

/** Display fields a notification carries, snapshotted when it is written. All optional: each kind uses some. */
export const ZNotificationData = z
  .object({
    actorName: z.string(),
    taskId: ZId,
    taskReference: z.string(),
    taskTitle: z.string(),
    projectId: ZId,
    excerpt: z.string(),
    organizationName: z.string(),
    inviteeName: z.string(),
    endpointId: z.string(),
    endpointUrl: z.string(),
    reason: z.string(),
    quotaLabel: z.string(),
    usage: z.string(),
    /** PLAN_REQUEST: the plan asked for, and the answer. */
    plan: z.string(),
    decision: z.enum(["APPROVED", "DECLINED"]),
  })
  .partial();
export type TNotificationData = z.infer<typeof ZNotificationData>;

export function notificationSentence(kind: TNotificationKind, data: TNotificationData): string {
  const who = data.actorName ?? "Someone";
  const task = data.taskReference
    ? `${data.taskReference} ${data.taskTitle ?? ""}`.trim()
    : "a task";
  switch (kind) {
    case "MENTION":
      return `${who} mentioned you on ${task}`;
    case "TASK_ASSIGNED":
      return `${who} assigned you ${task}`;
    case "TASK_COMMENT":
      return `${who} commented on ${task}`;
    case "INVITATION":
      return `${data.inviteeName ?? "Someone"} accepted your invitation to ${data.organizationName ?? "the organization"}`;
    case "OWNERSHIP_TRANSFER":
      return `${who} offered you ownership of ${data.organizationName ?? "the organization"}`;
    case "WEBHOOK_DISABLED":
      return `Webhook endpoint ${data.endpointUrl ?? ""} was disabled${data.reason ? `: ${data.reason}` : ""}`;
    case "QUOTA_WARNING":
      return `${data.organizationName ?? "The organization"} has used ${data.usage ?? "most"} of its ${data.quotaLabel ?? "quota"}`;
    case "PLAN_REQUEST":
      return `Your request to move ${data.organizationName ?? "the organization"} to the ${data.plan ?? "requested"} plan was ${data.decision === "APPROVED" ? "approved" : "declined"}${data.reason ? `: ${data.reason}` : ""}`;
  }
}

export const ZListNotificationsInput = ZPageInput.extend({
  unreadOnly: z.boolean().default(false),
});

export const ZNotificationOutput = z.object({
  id: ZId,
  kind: ZNotificationKind,
  data: ZNotificationData,
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TNotificationOutput = z.infer<typeof ZNotificationOutput>;

export const ZNotificationPageOutput = z.object({
  items: z.array(ZNotificationOutput),
  nextCursor: ZId.nullable(),
});

export const ZMarkNotificationsReadInput = z.object({ ids: z.array(ZId).min(1).max(100) });

export const ZNotificationPreference = z.object({
  kind: ZNotificationKind,
  inApp: z.boolean(),
  email: z.boolean(),
});
export type TNotificationPreference = z.infer<typeof ZNotificationPreference>;
export const ZNotificationPreferencesOutput = z.array(ZNotificationPreference);
