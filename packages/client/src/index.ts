// @tenantry/client: a typed client of the Tenantry API (tRPC, superjson) and its helpers.
export {
  createTenantryClient,
  IDEMPOTENT_CONTEXT,
  isRetryable,
  ORGANIZATION_HEADER,
} from "./client.ts";
export type { TenantryClient, TenantryClientOptions } from "./client.ts";
export { isTenantryError, TenantryError, toTenantryError } from "./errors.ts";
export type { TenantryErrorCode } from "./errors.ts";
export { paginate } from "./paginate.ts";
export type { Page } from "./paginate.ts";
export { tokenLogin } from "./token-login.ts";
export type { TokenPair } from "./token-login.ts";
