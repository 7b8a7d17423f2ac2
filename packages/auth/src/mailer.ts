// Outgoing mail goes through the mail_outbox table, written in the caller's transaction: the message commits or
// rolls back with the change that caused it. With SMTP_URL set the row is marked smtp_pending and the worker's
// mail.send job (packages/core/src/jobs) hands it to the SMTP server, retrying with backoff while the server fails;
// without SMTP the row itself is the delivery, shown at /dev/outbox so that verification and reset work on the
// embedded default and in e2e.
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

/** Whether stored mail waits for the mail.send job (SMTP configured) or is delivered by being stored. */
export const smtpConfigured = (): boolean => Boolean(env.SMTP_URL);

/**
 * Stores one message for sending. Accepts a transaction as well as the client: stored in the caller's
 * transaction, the message commits or rolls back with the change that caused it, and is sent after commit.
 */
export async function sendMail(db: Pick<Db, "mailOutbox">, mail: Mail): Promise<void> {
  if (!env.SMTP_URL && env.NODE_ENV === "production" && !warnedOutbox) {
    warnedOutbox = true;
    console.warn(
      "mail: SMTP_URL is not set; mail is stored in the mail_outbox table instead of being sent",
    );
  }
  await db.mailOutbox.create({
    data: {
      to: mail.to,
      subject: mail.subject.slice(0, 200),
      text: mail.text.slice(0, 10_000),
      smtpPending: Boolean(env.SMTP_URL),
    },
    select: { id: true },
  });
}

/**
 * Sends one stored message over SMTP (the mail.send job). Throws when the server refuses or cannot be reached, so
 * the job is retried; a message already sent is not sent again.
 */
export async function deliverStoredMail(db: Pick<Db, "mailOutbox">, id: string): Promise<void> {
  const row = await db.mailOutbox.findUnique({
    where: { id },
    select: { to: true, subject: true, text: true, smtpPending: true },
  });
  if (!row?.smtpPending) return;
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set; stored mail cannot be sent");
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.MAIL_FROM,
      to: row.to,
      subject: row.subject,
      text: row.text,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.mailOutbox.update({
      where: { id },
      data: { lastError: message.slice(0, 500) },
      select: { id: true },
    });
    throw error;
  }
  await db.mailOutbox.update({
    where: { id },
    data: { smtpPending: false, sentAt: new Date(), lastError: null },
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
