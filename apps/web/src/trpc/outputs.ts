// Shapes of the API's answers as the web app receives them, read from the router (RouterOutputs) so a change of a
// procedure's output is a type error here rather than a silently stale interface.
import type { RouterOutputs } from "@tenantry/api";

export type ProjectOutput = RouterOutputs["project"]["get"];
export type TaskOutput = RouterOutputs["task"]["list"]["items"][number];
export type TaskPage = RouterOutputs["task"]["list"];
export type TaskDetailOutput = RouterOutputs["task"]["get"];
export type AuditEntryOutput = RouterOutputs["audit"]["list"]["items"][number];
export type PlatformAuditEntryOutput = RouterOutputs["admin"]["audit"]["list"]["items"][number];
export type CurrentOrganizationOutput = RouterOutputs["organization"]["current"];
