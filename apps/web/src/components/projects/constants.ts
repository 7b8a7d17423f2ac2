// Plain constants shared by server pages and client components (a "use client" module's non-component exports
// reach server components as client references, not values).

/** Page size of the projects list; the command palette reads the same cached first page. */
export const PROJECTS_PAGE_SIZE = 50;
