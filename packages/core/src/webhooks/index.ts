// Webhooks: endpoints and their delivery log (services), the delivery jobs, signing and the outbound client.
export * from "./endpoints.ts";
export { addEventListener, deliver, dispatchEvent } from "./delivery.ts";
export type { EventListener } from "./delivery.ts";
export {
  signPayload,
  generateWebhookSecret,
  decryptSecret,
  ROTATION_OVERLAP_MS,
} from "./secrets.ts";
export { postJson, isPublicAddress, BlockedTargetError } from "./outbound.ts";
export { nextRetryDelayMs, defaultSchedule } from "./retry.ts";
export { DELIVER_JOB } from "./names.ts";
