// The domain: every service any transport (tRPC, REST, jobs) calls, and the errors they throw.
export * from "./errors.ts";
