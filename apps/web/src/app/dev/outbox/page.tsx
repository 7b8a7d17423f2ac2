// Local mail outbox: what would have been emailed when no SMTP server is configured. Open to everyone in
// development and e2e (DEV_OUTBOX_ENABLED=1 in a production build). In a production build without SMTP it is open
// to platform admins only: the mail holds other people's sign-in links, so it is never public; the operator passes a
// verification link on (or verifies the user in the admin console). With SMTP configured it is a 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { listOutbox, mailIsSent, outboxPageEnabled } from "@tenantry/auth";
import { getAuthSession } from "@tenantry/auth/next";
import { getDb } from "@tenantry/db";

import { isPlatformAdmin } from "~/lib/platform-admin";

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
  if (!open && (mailIsSent() || !(await getAuthSession()) || !(await isPlatformAdmin())))
    notFound();
  const { to } = await props.searchParams;
  const messages = await listOutbox(getDb(), {
    to: typeof to === "string" && to ? to : undefined,
    limit: 50,
  });
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Dev outbox</h1>
        <p className="text-sm text-muted-foreground">
          Mail is stored here because SMTP_URL is not set. Newest first
          {typeof to === "string" && to ? `, to ${to}` : ""}.
        </p>
        {open ? null : (
          <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm">
            Production without SMTP: only platform admins see this page. Set SMTP_URL to send mail.
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
