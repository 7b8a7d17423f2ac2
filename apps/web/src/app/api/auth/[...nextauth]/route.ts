// next-auth's endpoints (sign-in, callbacks, session, CSRF token). It answers its own errors; apiRoute adds the
// request id and answers whatever escapes it.
import type { NextRequest } from "next/server";

import { handlers } from "@tenantry/auth/next";

import { apiRoute } from "~/server/api-route";

// Route handlers receive a NextRequest; apiRoute is typed for any Request.
export const GET = apiRoute((req) => handlers.GET(req as NextRequest));
export const POST = apiRoute((req) => handlers.POST(req as NextRequest));
