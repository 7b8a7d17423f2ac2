// POST /api/auth/token/refresh: rotates the refresh token. Reusing an already-used one (outside the grace period)
// revokes its whole family; the client must sign in again.
import { tokenRefresh } from "@tenantry/api";
import { getDb } from "@tenantry/db";
import { ZRefreshTokenInput } from "@tenantry/validators";

import { jsonError, noStore, readJson, tokenErrorBody } from "~/app/api/auth/token/_lib/token-http";
import { apiRoute } from "~/server/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  async (req) => {
    const body = await readJson(req, ZRefreshTokenInput);
    if (!body.ok) return body.response;
    const result = await tokenRefresh(getDb(), body.data.refreshToken);
    if (result.ok) return Response.json(result.tokens, { headers: noStore });
    return result.reason === "reused"
      ? jsonError(
          401,
          "invalid_grant",
          "This refresh token was already used; its session has been revoked. Sign in again.",
        )
      : jsonError(401, "invalid_grant", "Refresh token is invalid or expired. Sign in again.");
  },
  { errorBody: tokenErrorBody },
);
