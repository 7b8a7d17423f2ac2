// The REST API (/api/v1): registry, dispatcher, OpenAPI document, problems and idempotency (see docs/rest-api.md).
export { handleRestRequest, isPublicRestRoute, REST_BASE_PATH } from "./dispatch.ts";
export type { RestOptions } from "./dispatch.ts";
export {
  IDEMPOTENCY_HEADER,
  memoryIdempotencyStore,
  redisIdempotencyStore,
  scopedKey,
} from "./idempotency.ts";
export type { IdempotencyScope, IdempotencyStore } from "./idempotency.ts";
export { defaultIdempotencyStore } from "./idempotency-default.ts";
export { pgIdempotencyStore } from "./idempotency-pg.ts";
export { buildOpenApiDocument } from "./openapi.ts";
export { PROBLEM_CONTENT_TYPE, toProblem } from "./problem.ts";
export { REST_ROUTES } from "./routes.ts";
export type { RestRoute } from "./routes.ts";
