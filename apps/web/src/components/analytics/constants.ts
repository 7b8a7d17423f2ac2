// Plain constants shared by the analytics page (server) and its client component.

/** Projects offered in the analytics project selector. */
export const ANALYTICS_PROJECTS_LIMIT = 100;
