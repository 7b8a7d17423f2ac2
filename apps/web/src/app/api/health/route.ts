// Liveness for process supervisors: 200 while the process serves requests, with no dependency checked (a database
// outage must not get every instance restarted). Readiness, with the dependencies, is /api/ready. server.ts answers
// it before Next.js (src/server/liveness.ts); this file answers when Next.js serves without server.ts.
import { apiRoute } from "~/server/api-route";
import { LIVENESS_BODY } from "~/server/liveness";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() =>
  Promise.resolve(Response.json(LIVENESS_BODY, { headers: { "cache-control": "no-store" } })),
);
