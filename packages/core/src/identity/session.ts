// The signed-in user's sessions (browsers and token clients): list, revoke one, revoke all others.
import type { Db } from "@tenantry/db";
import type { TSessionOutput } from "@tenantry/validators";
import { listUserSessions, revokeSession, revokeUserSessions } from "@tenantry/auth";
import { withTenantTransaction } from "@tenantry/db";

import type { AccountActor } from "./account.ts";
import { recordAccountEvent } from "../audit/platform-audit.ts";
import { NotFoundError } from "../errors.ts";

export async function listSessions(db: Db, actor: AccountActor): Promise<TSessionOutput[]> {
  const rows = await listUserSessions(db, actor.userId);
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}

/** Revokes one of the caller's sessions (possibly the current one, which signs this client out). */
export async function revokeOwnSession(
  db: Db,
  actor: AccountActor,
  sessionId: string,
): Promise<{ revoked: number }> {
  return withTenantTransaction(db, { userId: actor.userId }, async (tx) => {
    const revoked = await revokeSession(tx, actor.userId, sessionId, "user");
    // Someone else's (or an unknown) session id: the same answer as a missing one.
    if (!revoked) throw new NotFoundError("Session not found");
    await recordAccountEvent(tx, actor.userId, "account.session_revoke", {
      sessionId,
      current: sessionId === actor.sessionId,
    });
    return { revoked: 1 };
  });
}

export async function revokeOtherSessions(
  db: Db,
  actor: AccountActor,
): Promise<{ revoked: number }> {
  return withTenantTransaction(db, { userId: actor.userId }, async (tx) => {
    const revoked = await revokeUserSessions(tx, actor.userId, "user", actor.sessionId);
    if (revoked > 0) {
      await recordAccountEvent(tx, actor.userId, "account.sessions_revoke_others", { revoked });
    }
    return { revoked };
  });
}
