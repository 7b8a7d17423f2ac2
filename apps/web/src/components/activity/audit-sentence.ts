// An audit entry as a sentence ("Dana moved WEB-3 to Done") and the page it is about, from what the entry recorded
// (action, target, metadata, changes). Unknown actions still read: "<who> <did action> on <target>".
import type { AuditEntryOutput } from "~/trpc/outputs";
import { STATUS_LABELS } from "~/components/tasks/constants";

export interface AuditSentence {
  actor: string;
  text: string;
  href: string | null;
}

const str = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

export function actorName(entry: AuditEntryOutput): string {
  if (entry.actor) return entry.actor.name || entry.actor.email;
  if (entry.actorKind.startsWith("apikey:")) return "An API key";
  if (entry.actorKind.startsWith("user:")) return "A deleted user";
  return "The system";
}

function targetHref(slug: string, entry: AuditEntryOutput): string | null {
  const projectId = str(entry.metadata.projectId);
  const taskId = entry.targetType === "task" ? entry.targetId : str(entry.metadata.taskId);
  if (entry.action.endsWith(".delete") && entry.targetType !== "comment") return null;
  if (projectId && taskId) return `/o/${slug}/projects/${projectId}/tasks/${taskId}`;
  if (entry.targetType === "project" && entry.targetId)
    return `/o/${slug}/projects/${entry.targetId}`;
  if (entry.targetType === "membership" || entry.targetType === "invitation")
    return `/o/${slug}/settings/members`;
  if (entry.targetType === "role") return `/o/${slug}/settings/roles`;
  if (entry.targetType === "team") return `/o/${slug}/settings/teams`;
  if (entry.targetType === "tag") return `/o/${slug}/settings/tags`;
  if (entry.targetType === "organization") return `/o/${slug}/settings/general`;
  return null;
}

function targetName(entry: AuditEntryOutput): string {
  const m = entry.metadata;
  return str(m.reference) ?? str(m.name) ?? str(m.email) ?? str(m.title) ?? `a ${entry.targetType}`;
}

function statusLabel(value: unknown): string {
  const key = str(value);
  return key && key in STATUS_LABELS
    ? STATUS_LABELS[key as keyof typeof STATUS_LABELS]
    : String(value);
}

function what(entry: AuditEntryOutput): string {
  const name = targetName(entry);
  const verb = entry.action.split(".").at(-1) ?? entry.action;
  const changed = Object.keys(entry.changes);
  switch (entry.action) {
    case "task.update": {
      const status = entry.changes.status;
      if (status && changed.length === 1) return `moved ${name} to ${statusLabel(status.after)}`;
      return `updated ${name}${changed.length ? ` (${changed.join(", ")})` : ""}`;
    }
    case "task.create":
      return `created ${name}${str(entry.metadata.title) ? ` “${str(entry.metadata.title)}”` : ""}`;
    case "comment.create":
      return "commented on a task";
    case "comment.update":
      return "edited a comment";
    case "comment.moderate.delete":
      return "deleted someone's comment";
    case "attachment.upload":
      return `attached ${str(entry.metadata.fileName) ?? "a file"}`;
    case "invitation.create":
      return `invited ${name}`;
    case "invitation.accept":
      return "joined the organization";
    case "invitation.decline":
      return "declined the invitation";
  }
  const object = ["create", "update", "delete", "archive", "restore", "rename"].includes(verb)
    ? `${entry.targetType} ${name}`
    : name;
  const past = verb.endsWith("e") ? `${verb}d` : `${verb}ed`;
  return `${past.replaceAll("_", " ")} ${object}`;
}

export function auditSentence(slug: string, entry: AuditEntryOutput): AuditSentence {
  return { actor: actorName(entry), text: what(entry), href: targetHref(slug, entry) };
}
