// Shared by the activity page (server prefetch) and its table (client); see projects/constants.ts for why.
export const ACTIVITY_PAGE_SIZE = 20;
