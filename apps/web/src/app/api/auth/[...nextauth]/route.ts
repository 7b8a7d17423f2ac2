import { handlers } from "@tenantry/auth/next";

export const { GET, POST } = handlers;
