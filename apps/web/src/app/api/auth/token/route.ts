// POST /api/auth/token: email + password -> short-lived access token + rotating refresh token (non-browser
// clients). A static segment beats next-auth's /api/auth/[...nextauth] catch-all in the App Router.
import { tokenLogin } from "@tenantry/api";
import { clientInfo } from "@tenantry/auth";
import { getDb } from "@tenantry/db";
import { ZTokenLoginInput } from "@tenantry/validators";

import {
  jsonError,
  noStore,
  readJson,
  tokenErrorBody,
  tooManyAttempts,
} from "~/app/api/auth/token/_lib/token-http";
import { apiRoute } from "~/server/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  async (req) => {
    const body = await readJson(req, ZTokenLoginInput);
    if (!body.ok) return body.response;
    const result = await tokenLogin(getDb(), body.data, clientInfo(req.headers));
    if (result.ok) return Response.json(result.tokens, { headers: noStore });
    switch (result.reason) {
      case "rate_limited":
        return tooManyAttempts(result.retryAfterSeconds);
      case "unverified":
        return jsonError(403, "email_not_verified", "Verify your email address before signing in");
      default:
        return jsonError(401, "invalid_credentials", "Email or password is incorrect");
    }
  },
  { errorBody: tokenErrorBody },
);
