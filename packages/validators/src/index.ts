export * from "./common.ts";
export * from "./project.ts";
export * from "./organization.ts";
export * from "./auth.ts";
export * from "./audit.ts";
