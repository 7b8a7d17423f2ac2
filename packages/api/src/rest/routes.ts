// The REST API's route registry: every /api/v1 route, the tRPC procedure it runs and how the request becomes that
// procedure's input. The dispatcher (dispatch.ts), the OpenAPI document (openapi.ts) and the tests all walk this one
// list, so a route cannot exist without being documented and tested. Path parameters are named after the input
// fields they fill; GET and DELETE read the rest of the input from the query string, the others from the JSON body.

export type RestMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RestRoute {
  method: RestMethod;
  /** Under /api/v1, with `{param}` segments named after input fields. */
  path: string;
  /** The procedure (appRouter path) the route runs, or a token endpoint the dispatcher handles itself. */
  procedure: string;
  summary: string;
  tag: string;
  /** Success status; 201 for creations, 204 when the answer has no body. */
  status?: 200 | 201 | 204;
  /** No credential needed (sign-up, token login/refresh/logout). */
  public?: true;
  /** Where the input comes from besides the path; defaults by method. */
  input?: "query" | "body";
  /** Served by its own Next.js route file (multipart upload, file download); documented here all the same. */
  file?: "upload" | "download";
}

const r = (
  method: RestMethod,
  path: string,
  procedure: string,
  tag: string,
  summary: string,
  extra: Partial<RestRoute> = {},
): RestRoute => ({ method, path, procedure, tag, summary, ...extra });

const created = { status: 201 } as const;

export const TOKEN_LOGIN = "rest.tokenLogin";
export const TOKEN_REFRESH = "rest.tokenRefresh";
export const TOKEN_LOGOUT = "rest.tokenLogout";

export const REST_ROUTES: readonly RestRoute[] = [
  // ---- auth ----
  r("POST", "/auth/sign-up", "auth.signUp", "Auth", "Create an account", {
    public: true,
    ...created,
  }),
  r("POST", "/auth/token", TOKEN_LOGIN, "Auth", "Exchange email and password for tokens", {
    public: true,
  }),
  r("POST", "/auth/refresh", TOKEN_REFRESH, "Auth", "Rotate a refresh token", { public: true }),
  r("POST", "/auth/logout", TOKEN_LOGOUT, "Auth", "Revoke a refresh token's session", {
    public: true,
    status: 204,
  }),
  r("GET", "/auth/me", "account.me", "Auth", "The signed-in account"),

  // ---- organizations ----
  r("GET", "/organizations", "organization.mine", "Organizations", "Organizations I belong to"),
  r("GET", "/organization", "organization.current", "Organizations", "The current organization"),
  r("PATCH", "/organization", "organization.update", "Organizations", "Update the organization"),

  // ---- members, invitations, roles ----
  r("GET", "/members", "member.list", "Members", "List members"),
  r("PATCH", "/members/{membershipId}", "member.updateRole", "Members", "Change a member's role"),
  r("DELETE", "/members/{membershipId}", "member.remove", "Members", "Remove a member"),
  r("GET", "/invitations", "invitation.list", "Invitations", "Pending invitations"),
  r("POST", "/invitations", "invitation.create", "Invitations", "Invite someone", created),
  r("POST", "/invitations/{id}/resend", "invitation.resend", "Invitations", "Resend"),
  r("DELETE", "/invitations/{id}", "invitation.revoke", "Invitations", "Revoke an invitation"),
  r("POST", "/invitations/accept", "invitation.accept", "Invitations", "Accept an invitation"),
  r("GET", "/roles", "role.catalog", "Roles", "Roles and the permission catalog"),
  r("POST", "/roles", "role.create", "Roles", "Create a custom role", created),
  r("PATCH", "/roles/{id}", "role.update", "Roles", "Update a custom role"),
  r("DELETE", "/roles/{id}", "role.delete", "Roles", "Delete a custom role"),

  // ---- teams ----
  r("GET", "/teams", "team.list", "Teams", "List teams"),
  r("POST", "/teams", "team.create", "Teams", "Create a team", created),
  r("PATCH", "/teams/{id}", "team.rename", "Teams", "Rename a team"),
  r("DELETE", "/teams/{id}", "team.delete", "Teams", "Delete a team"),
  r("POST", "/teams/{teamId}/members", "team.members.add", "Teams", "Add a member", created),
  r("DELETE", "/teams/{teamId}/members/{membershipId}", "team.members.remove", "Teams", "Remove"),
  r("PUT", "/projects/{projectId}/team", "team.assignProject", "Teams", "Assign a project's team"),

  // ---- projects ----
  r("GET", "/projects", "project.list", "Projects", "List projects"),
  r("POST", "/projects", "project.create", "Projects", "Create a project", created),
  r("GET", "/projects/deleted", "project.deleted", "Projects", "Deleted projects"),
  r("GET", "/projects/{id}", "project.get", "Projects", "Get a project"),
  r("PATCH", "/projects/{id}", "project.update", "Projects", "Update a project"),
  r("DELETE", "/projects/{id}", "project.delete", "Projects", "Delete a project"),
  r("POST", "/projects/{id}/archive", "project.archive", "Projects", "Archive a project"),
  r("POST", "/projects/{id}/unarchive", "project.unarchive", "Projects", "Unarchive"),
  r("POST", "/projects/{id}/restore", "project.restore", "Projects", "Restore a deleted project"),
  r("GET", "/projects/{id}/members", "project.member.list", "Projects", "Project members"),
  r("POST", "/projects/{id}/members", "project.member.add", "Projects", "Add project members"),
  r("DELETE", "/projects/{id}/members", "project.member.remove", "Projects", "Remove", {
    input: "body",
  }),

  // ---- tasks ----
  r("GET", "/tasks", "task.list", "Tasks", "List tasks (every filter of the task list)"),
  r("POST", "/tasks", "task.create", "Tasks", "Create a task", created),
  r("POST", "/tasks/bulk", "task.bulk", "Tasks", "Change many tasks at once"),
  r("POST", "/tasks/bulk-delete", "task.bulkDelete", "Tasks", "Delete many tasks at once"),
  r("GET", "/tasks/analytics", "task.analytics", "Analytics", "Task analytics"),
  r("GET", "/tasks/{id}", "task.get", "Tasks", "Get a task"),
  r("PATCH", "/tasks/{id}", "task.update", "Tasks", "Update a task"),
  r("DELETE", "/tasks/{id}", "task.delete", "Tasks", "Delete a task"),
  r("POST", "/tasks/{id}/restore", "task.restore", "Tasks", "Restore a deleted task (30 days)"),
  r("GET", "/tasks/{taskId}/activity", "task.activity", "Tasks", "A task's activity"),

  // ---- comments ----
  r("GET", "/tasks/{taskId}/comments", "task.comment.list", "Comments", "A task's comments"),
  r("POST", "/tasks/{taskId}/comments", "task.comment.create", "Comments", "Comment", created),
  r("PATCH", "/comments/{id}", "task.comment.update", "Comments", "Edit a comment"),
  r("DELETE", "/comments/{id}", "task.comment.delete", "Comments", "Delete a comment"),

  // ---- tags ----
  r("GET", "/tags", "tag.list", "Tags", "List tags"),
  r("POST", "/tags", "tag.create", "Tags", "Create a tag", created),
  r("PATCH", "/tags/{id}", "tag.update", "Tags", "Update a tag"),
  r("DELETE", "/tags/{id}", "tag.delete", "Tags", "Delete a tag"),

  // ---- attachments ----
  r("GET", "/tasks/{id}/attachments", "task.attachment.list", "Attachments", "A task's files"),
  r("POST", "/tasks/{id}/attachments", "task.attachment.upload", "Attachments", "Upload", {
    ...created,
    file: "upload",
  }),
  r("GET", "/attachments/{id}", "task.attachment.get", "Attachments", "Download a file", {
    file: "download",
  }),
  r("DELETE", "/attachments/{id}", "task.attachment.delete", "Attachments", "Delete a file"),

  // ---- knowledge base ----
  r("GET", "/knowledge/documents", "knowledge.list", "Knowledge", "List knowledge documents"),
  r("POST", "/knowledge/documents", "knowledge.upload", "Knowledge", "Upload a document", {
    ...created,
    file: "upload",
  }),
  r("GET", "/knowledge/documents/{id}", "knowledge.get", "Knowledge", "A document's status"),
  r("DELETE", "/knowledge/documents/{id}", "knowledge.delete", "Knowledge", "Delete a document"),
  r("GET", "/knowledge/search", "knowledge.search", "Knowledge", "Search passages"),

  // ---- agents ----
  r("GET", "/agents", "agent.list", "Agents", "List agents"),
  r("POST", "/agents", "agent.create", "Agents", "Create an agent", created),
  r("GET", "/agents/options", "agent.options", "Agents", "Tools and suggested types"),
  r("GET", "/agents/{id}", "agent.get", "Agents", "Get an agent"),
  r("PATCH", "/agents/{id}", "agent.update", "Agents", "Update an agent"),
  r("POST", "/agents/{id}/deactivate", "agent.deactivate", "Agents", "Deactivate an agent"),
  r("POST", "/agents/{id}/reactivate", "agent.reactivate", "Agents", "Reactivate an agent"),

  // ---- conversations (the caller's own; /conversations/audit is agent.audit's audited read) ----
  r("GET", "/conversations", "chat.conversation.list", "Conversations", "My conversations"),
  r("POST", "/conversations", "chat.conversation.create", "Conversations", "Start one", created),
  r("GET", "/conversations/audit", "chat.conversation.auditList", "Conversations", "Everyone's"),
  r("GET", "/conversations/{conversationId}", "chat.conversation.get", "Conversations", "Get one"),
  r(
    "PATCH",
    "/conversations/{conversationId}",
    "chat.conversation.rename",
    "Conversations",
    "Rename",
  ),
  r(
    "DELETE",
    "/conversations/{conversationId}",
    "chat.conversation.delete",
    "Conversations",
    "Delete",
  ),
  r(
    "POST",
    "/conversations/{conversationId}/archive",
    "chat.conversation.archive",
    "Conversations",
    "Archive or unarchive",
  ),
  r(
    "GET",
    "/conversations/{conversationId}/messages",
    "chat.message.list",
    "Conversations",
    "Messages, newest page first",
  ),
  // Not streamed over REST: the answer comes once the reply is complete and stored (streamed.ts).
  r(
    "POST",
    "/conversations/{conversationId}/messages",
    "chat.send",
    "Conversations",
    "Ask: the whole reply",
    created,
  ),
  r(
    "POST",
    "/conversations/{conversationId}/resume",
    "chat.resume",
    "Conversations",
    "Continue after a tool decision",
  ),
  r(
    "POST",
    "/conversations/{conversationId}/tool-calls/{toolCallId}",
    "chat.decide",
    "Conversations",
    "Confirm or decline a tool call",
  ),
  r("GET", "/assistant/usage", "chat.usage", "Conversations", "Assistant tokens this month"),

  // ---- audit ----
  r("GET", "/audit-log", "audit.list", "Audit", "The organization's audit log"),
];
