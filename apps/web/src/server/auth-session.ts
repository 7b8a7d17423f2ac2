// The request's session for server components, resolved once per render (React cache): the layout, the page and
// each tRPC context of one request share next-auth's cookie check and its session lookup.
import "server-only";

import { cache } from "react";

import { getAuthSession as resolveAuthSession } from "@tenantry/auth/next";

export const getAuthSession = cache(resolveAuthSession);
