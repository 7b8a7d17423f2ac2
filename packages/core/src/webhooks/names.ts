// Queue names of the webhook jobs, apart so that services enqueue them without importing the handlers.
export const DELIVER_JOB = "webhook.deliver";
