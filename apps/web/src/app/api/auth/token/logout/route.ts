// POST /api/auth/token/logout: revokes the refresh token's family (its session). Idempotent: always 204.
import { tokenLogout } from "@tenantry/api";
import { getDb } from "@tenantry/db";
import { ZRefreshTokenInput } from "@tenantry/validators";

import { readJson, tokenErrorBody } from "~/app/api/auth/token/_lib/token-http";
import { apiRoute } from "~/server/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  async (req) => {
    const body = await readJson(req, ZRefreshTokenInput);
    if (!body.ok) return body.response;
    await tokenLogout(getDb(), body.data.refreshToken);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
  { errorBody: tokenErrorBody },
);
