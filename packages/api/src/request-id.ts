// The id of one request, in its answer (X-Request-Id), in the server log of its failures and in ctx.requestId (for
// audit entries and jobs it causes). Defined with the rest of observability in core, where the HTTP edge reads it.
export {
  REQUEST_ID_HEADER,
  requestIdFrom,
  requestIdOrNew,
} from "@tenantry/core/observability/request-id";
