// The local-server probes against servers that answer as PostgreSQL and Redis do: a usable server is one the tests
// could log in to, not merely an open port.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, test } from "node:test";

import {
  isAuthenticationOk,
  postgresAcceptsTrust,
  postgresStartupMessage,
  redisAnswersPing,
} from "./services.mjs";

/**
 * Serves one reply to whatever arrives first, recording what the client sent; resolves to the port.
 * @param {{ after: (fn: () => void) => void }} t
 * @param {Buffer | undefined} reply undefined: stay silent
 */
async function server(t, reply) {
  /** @type {Buffer[]} */
  const received = [];
  /** @type {(value: undefined) => void} */
  let clientGone = () => undefined;
  /** Settles when the (first) client's connection has closed. */
  const closed = new Promise((resolve) => (clientGone = resolve));
  const srv = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.on("close", () => clientGone(undefined));
    socket.on("data", (chunk) => {
      received.push(chunk);
      if (reply && received.length === 1) socket.write(reply);
    });
  });
  await new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(undefined)));
  t.after(() => srv.close());
  const address = srv.address();
  assert.ok(address && typeof address === "object");
  return { port: address.port, received, closed };
}

/** An authentication message: 'R', length 8, then the code (0 ok, 10 SASL, 5 MD5). */
const authentication = (/** @type {number} */ code) =>
  Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, code]);

describe("postgresAcceptsTrust", () => {
  test("yes when postgres gets in without a password, and says goodbye", async (t) => {
    const { port, received, closed } = await server(t, authentication(0));
    assert.equal(await postgresAcceptsTrust({ port }), true);

    const startup = received[0];
    assert.ok(startup);
    assert.equal(startup.readInt32BE(0), startup.length);
    assert.equal(startup.readInt32BE(4), 196608); // protocol 3.0
    assert.equal(startup.subarray(8).toString(), "user\0postgres\0database\0postgres\0\0");
    await closed;
    assert.deepEqual(received.at(-1), Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
  });

  test("no when the server asks for a password or refuses", async (t) => {
    const sasl = await server(t, authentication(10));
    assert.equal(await postgresAcceptsTrust({ port: sasl.port }), false);
    const error = await server(
      t,
      Buffer.from("E\0\0\0\x20SFATAL\0C28000\0Mno pg_hba.conf entry\0\0"),
    );
    assert.equal(await postgresAcceptsTrust({ port: error.port }), false);
  });

  test("no when nothing listens or nothing answers", async (t) => {
    const silent = await server(t, undefined);
    assert.equal(await postgresAcceptsTrust({ port: silent.port, timeoutMs: 200 }), false);

    const gone = createServer();
    await new Promise((resolve) => gone.listen(0, "127.0.0.1", () => resolve(undefined)));
    const address = gone.address();
    assert.ok(address && typeof address === "object");
    await new Promise((resolve) => gone.close(() => resolve(undefined)));
    assert.equal(await postgresAcceptsTrust({ port: address.port, timeoutMs: 200 }), false);
  });

  test("waits for a reply split across packets", () => {
    const ok = authentication(0);
    assert.equal(isAuthenticationOk(ok.subarray(0, 4)), undefined);
    assert.equal(isAuthenticationOk(ok), true);
    assert.equal(postgresStartupMessage("a", "b").length, 8 + "user\0a\0database\0b\0\0".length);
  });
});

describe("redisAnswersPing", () => {
  test("yes on PONG, no when AUTH is required", async (t) => {
    const open = await server(t, Buffer.from("+PONG\r\n"));
    assert.equal(await redisAnswersPing({ port: open.port }), true);
    assert.equal(open.received[0]?.toString(), "PING\r\n");

    const locked = await server(t, Buffer.from("-NOAUTH Authentication required.\r\n"));
    assert.equal(await redisAnswersPing({ port: locked.port }), false);
  });
});
