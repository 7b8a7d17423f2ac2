// Shared by the tRPC route (which refuses bigger batches with 400) and the browser client (which splits its batches
// to fit), so the UI never sends a batch the server refuses.
export const TRPC_MAX_BATCH_SIZE = 20;
