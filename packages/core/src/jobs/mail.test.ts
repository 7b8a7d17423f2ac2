// Mail through the queue over real SMTP: a message stored in a transaction (as every service sends mail) is relayed
// to the mail.send job, which hands it to an SMTP server this test runs on loopback (smtp-server); when that server
// refuses, the job fails, records the error and is retried by the queue until the server accepts.
// A database of its own: other test files run queue workers without SMTP against the shared test database, and one
// of them taking this file's mail job would fail it for its own reason.
import type { AddressInfo } from "node:net";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "@tenantry/db";
import type { TestDatabase } from "@tenantry/db/testing";
import { createDb, withTenantTransaction } from "@tenantry/db";
import { availableBackends, provisionTestDatabase } from "@tenantry/db/testing";

import type { JobsRuntime } from "./runtime.ts";

interface Message {
  from: string;
  to: string[];
  raw: string;
}

const received: Message[] = [];
/** How many more DATA commands the server refuses (451, a temporary failure) before it accepts. */
let refuseNext = 0;
let refused = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    stream.on("end", () => {
      if (refuseNext > 0) {
        refuseNext--;
        refused++;
        const error = Object.assign(new Error("Mailbox busy, try again later"), {
          responseCode: 451,
        });
        callback(error);
        return;
      }
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;
// Before the auth package loads: its env is read once, at import.
// eslint-disable-next-line no-restricted-syntax
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

const { sendMail } = await import("@tenantry/auth");
const { JOB_DEFINITIONS } = await import("./definitions.ts");
const { MAIL_JOB } = await import("./relay.ts");
const { startJobs } = await import("./runtime.ts");

let database: TestDatabase;
let db: Db;
let admin: pg.Pool;
let jobs: JobsRuntime;

async function start(backend: TestDatabase["backend"]) {
  database = await provisionTestDatabase({ label: "mail", backend });
  patienceMs = backend === "embedded" ? 90_000 : 20_000;
  db = createDb({ connectionString: database.appUrl, poolMax: 3 });
  admin = new pg.Pool({ connectionString: database.adminUrl, max: 1 });
  jobs = await startJobs({
    db,
    queueUrl: database.adminUrl,
    // A one-second retry instead of the production 30 s, so the refusal-then-acceptance takes seconds.
    definitions: JOB_DEFINITIONS.map((d) =>
      d.name === MAIL_JOB
        ? { ...d, retry: { retryLimit: 5, retryDelay: 1, retryBackoff: false } }
        : d,
    ),
    log: { info: () => undefined, error: () => undefined },
    schedules: false,
    relayIntervalMs: 200,
    concurrency: 1,
  });
}
async function stop() {
  await jobs.stop();
  await db.$disconnect();
  await admin.end();
  await database.drop();
}
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

/** PGlite runs one query at a time for every poller of the queue: jobs there take seconds, not milliseconds. */
let patienceMs = 20_000;

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = patienceMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function store(to: string, subject: string) {
  await withTenantTransaction(db, { userId: "" }, (tx) =>
    sendMail(tx, { to, subject, text: `Body of ${subject}` }),
  );
}

const outboxRow = (subject: string) =>
  db.mailOutbox.findFirst({
    where: { subject },
    select: { id: true, smtpPending: true, sentAt: true, lastError: true },
  });

// On the embedded default too: `pnpm dev`/`pnpm start` without DATABASE_URL run the same queue on PGlite.
describe.each(availableBackends())("mail.send over SMTP (%s PostgreSQL)", (backend) => {
  beforeAll(() => start(backend), 120_000);
  afterAll(stop);

  it("delivers a stored message to the SMTP server once and marks it sent", async () => {
    const subject = `Welcome ${Date.now()}`;
    await store("first@example.test", subject);
    const message = await until(() =>
      Promise.resolve(received.find((m) => m.raw.includes(`Subject: ${subject}`))),
    );
    expect(message.to).toEqual(["first@example.test"]);
    expect(message.from).toBe("no-reply@tenantry.localhost");
    expect(message.raw).toContain(`Body of ${subject}`);
    const row = await until(async () => {
      const r = await outboxRow(subject);
      return r?.sentAt && r;
    });
    expect(row).toMatchObject({ smtpPending: false, lastError: null });
    // Sent once: no second copy shows up.
    await new Promise((r) => setTimeout(r, 700));
    expect(received.filter((m) => m.raw.includes(`Subject: ${subject}`))).toHaveLength(1);
  }, 120_000);

  it("retries when the SMTP server refuses, until it accepts", async () => {
    refuseNext = 2;
    refused = 0;
    const subject = `Retry me ${Date.now()}`;
    await store("second@example.test", subject);
    // While refused, the error is recorded on the message and it stays pending.
    const failing = await until(async () => {
      const r = await outboxRow(subject);
      return r?.lastError ? r : undefined;
    });
    expect(failing.lastError).toContain("Mailbox busy");
    const message = await until(() =>
      Promise.resolve(received.find((m) => m.raw.includes(`Subject: ${subject}`))),
    );
    expect(message.to).toEqual(["second@example.test"]);
    expect(refused).toBe(2);
    const row = await until(async () => {
      const r = await outboxRow(subject);
      return r?.sentAt && r;
    });
    expect(row).toMatchObject({ smtpPending: false, lastError: null });
    const job = await admin.query<{ retry_count: number; state: string }>(
      "SELECT retry_count, state::text AS state FROM pgboss.job WHERE name = $1 AND id = $2",
      [MAIL_JOB, row.id],
    );
    expect(job.rows).toEqual([{ retry_count: 2, state: "completed" }]);
  }, 120_000);
});
