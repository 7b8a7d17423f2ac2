// The tRPC HTTP endpoint inside Next.js (src/server/trpc-endpoint.ts): browser calls, with next-auth's cookie session.
// Bearer-token calls are answered by server.ts before they reach Next.js (src/server/direct-api.ts), the same way.
import { getAuthSession } from "@tenantry/auth/next";

import { handleTrpc } from "~/server/trpc-endpoint";

const handler = (req: Request) => handleTrpc(req, getAuthSession);

export { handler as GET, handler as POST };
