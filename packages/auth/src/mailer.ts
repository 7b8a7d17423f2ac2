// Outgoing mail: SMTP (nodemailer) when SMTP_URL is set, otherwise the mail_outbox table, which the app shows at
// /dev/outbox so that verification and reset work on the embedded default and in e2e.
import type { Transporter } from "nodemailer";
import nodemailer from "nodemailer";

import type { Db } from "@tenantry/db";

import { env } from "./env.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: Transporter | undefined;
let warnedOutbox = false;

/**
 * Sends (SMTP) or stores (outbox) one message. Accepts a transaction as well as the client: stored in the caller's
 * transaction, the outbox row commits or rolls back with the change that caused the mail.
 */
export async function sendMail(db: Pick<Db, "mailOutbox">, mail: Mail): Promise<void> {
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return;
  }
  if (env.NODE_ENV === "production" && !warnedOutbox) {
    warnedOutbox = true;
    console.warn(
      "mail: SMTP_URL is not set; mail is stored in the mail_outbox table instead of being sent",
    );
  }
  await db.mailOutbox.create({
    data: { to: mail.to, subject: mail.subject.slice(0, 200), text: mail.text.slice(0, 10_000) },
    select: { id: true },
  });
}

/** The most recent outbox messages (dev/e2e page). */
export async function listOutbox(db: Db, opts: { to?: string; limit?: number } = {}) {
  return db.mailOutbox.findMany({
    where: opts.to ? { to: opts.to.trim().toLowerCase() } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(opts.limit ?? 50, 200),
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}
