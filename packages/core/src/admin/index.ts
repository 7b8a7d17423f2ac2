// The platform-admin console's use cases: organizations, their licenses, and users across tenants.
export * from "./licenses.ts";
export * from "./organizations.ts";
export * from "./users.ts";
export * from "./plans.ts";
