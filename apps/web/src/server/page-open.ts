/**
 * Set by the proxy (src/proxy.ts) on the page requests it runs for, which are every page request but Next.js's
 * router prefetches: a render with it serves a page the user opened, and only such a render makes the organization
 * it names the session's active one (trpc/server.tsx). A client sending it on a prefetch can only move its own
 * session's default organization to one it is a member of, which opening that page would do anyway.
 */
export const PAGE_OPEN_HEADER = "x-tenantry-page-open";
