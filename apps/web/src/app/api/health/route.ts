// Liveness for process supervisors: 200 while the process serves requests, with no dependency checked (a database
// outage must not get every instance restarted). Readiness, with the dependencies, is /api/ready.
import { apiRoute } from "~/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() =>
  Promise.resolve(Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } })),
);
