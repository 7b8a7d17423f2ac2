// Every /api/v1 route of the registry (packages/api/src/rest). Cookie-authenticated writes must be same-origin (the
// rule tRPC follows, same-origin.ts); a bearer credential (access token or API key) may come from anywhere. Bodies
// are capped like tRPC's. The two file routes (upload, download) have their own files next to this one.
import { defaultIdempotencyStore, handleRestRequest } from "@tenantry/api/rest";
import { getAuthSession } from "@tenantry/auth/next";

import { bodyLimitFor, limitBody } from "~/server/body-limit";
import { restRoute } from "~/server/rest-route";

export const dynamic = "force-dynamic";

const handler = restRoute(async (req, { requestId }) =>
  handleRestRequest(limitBody(req, bodyLimitFor(req.headers.get("content-type"))), {
    session: await getAuthSession(),
    requestId,
    idempotency: defaultIdempotencyStore(),
  }),
);

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
