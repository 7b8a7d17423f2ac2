export { closeDb, createDb, createPool, getDb, poolOf } from "./client.ts";
export type { Db, DbOptions } from "./client.ts";
export { newId } from "./id.ts";
export { setTenant, withTenantTransaction } from "./tenant.ts";
export { DatabaseUnavailableError, isDatabaseUnavailable } from "./unavailable.ts";
export type { TenantDb, TenantScope } from "./tenant.ts";
export * from "./generated/prisma/enums.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
