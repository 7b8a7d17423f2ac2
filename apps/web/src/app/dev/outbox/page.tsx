// Local mail outbox: what would have been emailed when no SMTP server is configured. Who reads which mail is
// decided in server/outbox-access.ts: everything in development and e2e; in a production build without SMTP
// platform admins everything and (OUTBOX_FOR_RECIPIENTS, set by `pnpm start`) everyone else only their own mail,
// since it holds sign-in links; with SMTP configured it is a 404.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";

import {
  listOutbox,
  mailIsSent,
  outboxForRecipients,
  outboxPageEnabled,
  verifyOutboxPass,
} from "@tenantry/auth";
import { getAuthSession } from "@tenantry/auth/next";
import { getDb } from "@tenantry/db";

import { isPlatformAdmin } from "~/lib/platform-admin";
import { decideOutboxScope, OUTBOX_PASS_COOKIE } from "~/server/outbox-access";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Renders the text with its URLs as links. */
function Linkified(props: { text: string }) {
  const parts = props.text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all text-primary underline">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default async function OutboxPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const open = outboxPageEnabled();
  const session = open || mailIsSent() ? null : await getAuthSession();
  const scope = decideOutboxScope({
    open,
    mailSent: mailIsSent(),
    forRecipients: outboxForRecipients(),
    platformAdmin: !open && session ? await isPlatformAdmin() : false,
    sessionEmail: session?.user.email ?? null,
    passEmail: verifyOutboxPass((await cookies()).get(OUTBOX_PASS_COOKIE)?.value),
  });
  if (!scope) notFound();
  const { to: asked } = await props.searchParams;
  // Someone reading their own mail sees only that, whatever ?to= says.
  const to =
    scope.kind === "own" ? scope.to : typeof asked === "string" && asked ? asked : undefined;
  const messages = await listOutbox(getDb(), { to, limit: 50 });
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Dev outbox</h1>
        <p className="text-sm text-muted-foreground">
          Mail is stored here because SMTP_URL is not set. Newest first
          {to ? `, to ${to}` : ""}.
        </p>
        {scope.kind === "all" && scope.reason === "development" ? null : (
          <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm">
            {scope.kind === "own"
              ? `Mail is not sent from this server, so it waits here, at /dev/outbox: you see the mail addressed to ${scope.to}.`
              : "Mail is not sent from this server, so it waits here, at /dev/outbox: as a platform admin you see everyone's."}{" "}
            Set SMTP_URL to send mail.
          </p>
        )}
      </div>
      {messages.length === 0 ? (
        <p className="text-sm text-muted-foreground">No messages.</p>
      ) : (
        <ol className="space-y-4" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id}>
              <article className="rounded-lg border bg-card p-4" aria-label={m.subject}>
                <h2 className="font-medium">{m.subject}</h2>
                <p className="text-xs text-muted-foreground">
                  To <span data-testid="mail-to">{m.to}</span> · {m.createdAt.toISOString()}
                </p>
                <pre className="mt-3 font-sans text-sm whitespace-pre-wrap">
                  <Linkified text={m.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
