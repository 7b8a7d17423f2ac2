// What the request log line and the request metrics need to know from deep inside a request — which procedure or
// route ran, for which organization and actor — without threading it through every layer: the HTTP edge opens an
// AsyncLocalStorage scope per request, the tRPC and REST layers annotate it, and the edge reads it when the answer
// ends. On globalThis, like the metrics: server.ts and the Next.js bundle each load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  /** tRPC procedure paths (several in a batch) or the REST route template. */
  routes: string[];
  organizationId?: string;
  /** The acting user (for an API key, its creator). */
  userId?: string;
  apiKeyId?: string | null;
}

const KEY = Symbol.for("tenantry.requestContext");
const holder = globalThis as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Names the procedure or route the current request runs (bounded: a batch has at most a few dozen). */
export function annotateRoute(route: string): void {
  const context = storage.getStore();
  if (context && context.routes.length < 50 && !context.routes.includes(route)) {
    context.routes.push(route);
  }
}

/** Records who the current request acts as, once authentication and the organization are resolved. */
export function annotateActor(actor: {
  userId?: string;
  organizationId?: string;
  apiKeyId?: string | null;
}): void {
  const context = storage.getStore();
  if (!context) return;
  if (actor.userId !== undefined) context.userId = actor.userId;
  if (actor.organizationId !== undefined) context.organizationId = actor.organizationId;
  if (actor.apiKeyId !== undefined) context.apiKeyId = actor.apiKeyId;
}
