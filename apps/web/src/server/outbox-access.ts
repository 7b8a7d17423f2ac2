// Who reads which mail at /dev/outbox. Development and e2e (outboxPageEnabled): everything, as a local tool.
// With SMTP configured: nobody (mail really leaves). A production build without SMTP: platform admins everything;
// with OUTBOX_FOR_RECIPIENTS (set by `pnpm start` then) everyone else only the mail addressed to their own
// address: signed in, or holding the outbox pass the sign-in form hands out when the password was right but the
// email is unverified. Anyone else: not found.

export const OUTBOX_PASS_COOKIE = "tenantry-outbox-pass";

export type OutboxScope =
  { kind: "all"; reason: "development" | "admin" } | { kind: "own"; to: string };

export function decideOutboxScope(input: {
  open: boolean;
  mailSent: boolean;
  forRecipients: boolean;
  platformAdmin: boolean;
  /** The signed-in user's address. */
  sessionEmail: string | null;
  /** The address an outbox pass names (verified). */
  passEmail: string | null;
}): OutboxScope | null {
  if (input.open) return { kind: "all", reason: "development" };
  if (input.mailSent) return null;
  if (input.platformAdmin) return { kind: "all", reason: "admin" };
  if (!input.forRecipients) return null;
  const to = input.sessionEmail ?? input.passEmail;
  return to ? { kind: "own", to: to.toLowerCase() } : null;
}
