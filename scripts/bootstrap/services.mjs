// Whether this machine runs a PostgreSQL and a Redis the tests can use, so the test command exercises the real servers
// (as CI does) instead of the embedded fallbacks. A server counts only when the tests would work with it: PostgreSQL
// must let `postgres` in without a password (the tests create their own databases and roles through it), Redis must
// answer PING without AUTH. An open port alone is not enough: a password-protected server would fail every test.
import { connect } from "node:net";

export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";

/**
 * Sends `request` and settles on what `verdict` says of the reply so far (undefined: wait for more bytes). False on a
 * connection error, an early close or a timeout.
 * @param {{ host: string, port: number, request: Buffer, verdict: (reply: Buffer) => boolean | undefined,
 *   farewell?: Buffer, timeoutMs: number }} exchange
 * @returns {Promise<boolean>}
 */
function ask({ host, port, request, verdict, farewell, timeoutMs }) {
  return new Promise((resolve) => {
    let reply = Buffer.alloc(0);
    let settled = false;
    const socket = connect({ host, port });
    /** @param {boolean} ok */
    const settle = (ok) => {
      if (settled) return;
      settled = true;
      if (ok && farewell) socket.end(farewell);
      else socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once("error", () => settle(false));
    socket.once("close", () => settle(false));
    socket.once("connect", () => socket.write(request));
    socket.on("data", (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      const answer = verdict(reply);
      if (answer !== undefined) settle(answer);
    });
  });
}

/**
 * A protocol 3.0 StartupMessage (no SSL request: a local trust login needs none).
 * @param {string} user
 * @param {string} database
 */
export function postgresStartupMessage(user, database) {
  const parameters = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
  const header = Buffer.alloc(8);
  header.writeInt32BE(header.length + parameters.length, 0);
  header.writeInt32BE(3 << 16, 4);
  return Buffer.concat([header, parameters]);
}

/**
 * AuthenticationOk is 'R', length 8, code 0. A password request ('R' with another code) or an error ('E') is a no.
 * @param {Buffer} reply
 * @returns {boolean | undefined}
 */
export function isAuthenticationOk(reply) {
  if (reply.length === 0) return undefined;
  if (reply[0] !== 0x52) return false;
  if (reply.length < 9) return undefined;
  return reply.readInt32BE(5) === 0;
}

/** @param {Buffer} reply @returns {boolean | undefined} */
export function isPong(reply) {
  const text = reply.toString("latin1");
  if (text.startsWith("-")) return false;
  return text.length < 5 ? undefined : text.startsWith("+PONG");
}

/**
 * @param {{ host?: string, port?: number, timeoutMs?: number }} [options]
 * @returns {Promise<boolean>}
 */
export function postgresAcceptsTrust({ host = "127.0.0.1", port = 5432, timeoutMs = 1500 } = {}) {
  const terminate = Buffer.from([0x58, 0, 0, 0, 4]);
  const request = postgresStartupMessage("postgres", "postgres");
  return ask({ host, port, request, verdict: isAuthenticationOk, farewell: terminate, timeoutMs });
}

/**
 * @param {{ host?: string, port?: number, timeoutMs?: number }} [options]
 * @returns {Promise<boolean>}
 */
export function redisAnswersPing({ host = "127.0.0.1", port = 6379, timeoutMs = 1500 } = {}) {
  const request = Buffer.from("PING\r\n");
  return ask({
    host,
    port,
    request,
    verdict: isPong,
    farewell: Buffer.from("QUIT\r\n"),
    timeoutMs,
  });
}
