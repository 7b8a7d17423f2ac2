// Counting TCP proxies on loopback, for statements and round trips per request: PostgreSQL's wire protocol and
// Redis' RESP. pg_stat_statements is not preloaded on every server, and counting at the wire also sees what a
// statement log would hide (how many statements share one round trip, BEGIN/COMMIT, connection set-up).
import net from "node:net";

export interface WireCounts {
  /** Statements executed: simple-protocol queries ('Q') plus extended-protocol executes ('E'); Redis commands. */
  statements: number;
  /**
   * Waits for the server: PostgreSQL 'Q' and 'S' (Sync) messages, each answered by ReadyForQuery; Redis bursts
   * of commands sent before the next reply (a MULTI/EXEC pipeline written at once is one round trip).
   */
  roundTrips: number;
  /** New client connections accepted (pool growth shows here). */
  connections: number;
  bytesToServer: number;
  bytesToClient: number;
}

export interface TracedStatement {
  connection: number;
  /** The SQL (PostgreSQL) or the command and its first argument (Redis), cut to `TRACE_TEXT_MAX` characters. */
  text: string;
}

const TRACE_TEXT_MAX = 2_000;

const zero = (): WireCounts => ({
  statements: 0,
  roundTrips: 0,
  connections: 0,
  bytesToServer: 0,
  bytesToClient: 0,
});

/** Difference of two counter snapshots. */
export function countsSince(before: WireCounts, after: WireCounts): WireCounts {
  return {
    statements: after.statements - before.statements,
    roundTrips: after.roundTrips - before.roundTrips,
    connections: after.connections - before.connections,
    bytesToServer: after.bytesToServer - before.bytesToServer,
    bytesToClient: after.bytesToClient - before.bytesToClient,
  };
}

/** Parses the client->server byte stream of one connection, counting each complete statement or command. */
interface StreamParser {
  push(chunk: Buffer): void;
}

abstract class CountingProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly total = zero();
  private connectionSeq = 0;
  private trace: TracedStatement[] | null = null;
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
    readonly name: string,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  protected abstract parser(count: (text: string | null) => void): StreamParser;

  /** Called for every client chunk after a server reply (or the first one): true when it starts a round trip. */
  protected abstract burstIsRoundTrip(): boolean;

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = this.server.address();
    if (!address || typeof address !== "object") throw new Error(`${this.name}: no port`);
    this.port = address.port;
    return this.port;
  }

  snapshot(): WireCounts {
    return { ...this.total };
  }

  /** Starts recording the statements' texts; `stopTrace` returns them. */
  startTrace(): void {
    this.trace = [];
  }

  stopTrace(): TracedStatement[] {
    const traced = this.trace ?? [];
    this.trace = null;
    return traced;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  protected countRoundTrip(): void {
    this.total.roundTrips++;
  }

  private accept(client: net.Socket): void {
    const connection = ++this.connectionSeq;
    this.total.connections++;
    const upstream = net.connect(this.target.port, this.target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const parser = this.parser((text) => {
      this.total.statements++;
      if (this.trace && text !== null) {
        this.trace.push({ connection, text: text.slice(0, TRACE_TEXT_MAX) });
      }
    });
    // A "burst" is client data after the server last spoke: Redis round trips are counted this way.
    let serverSpokeLast = true;
    client.on("data", (chunk: Buffer) => {
      this.total.bytesToServer += chunk.length;
      if (serverSpokeLast && this.burstIsRoundTrip()) this.total.roundTrips++;
      serverSpokeLast = false;
      parser.push(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      this.total.bytesToClient += chunk.length;
      serverSpokeLast = true;
      client.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
    client.on("error", closeBoth);
    upstream.on("error", closeBoth);
  }
}

// PostgreSQL protocol codes of the untyped first messages.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** PostgreSQL (protocol 3): counts 'Q' and 'E' as statements, 'Q' and 'S' as round trips; traces 'Q'/'P' texts. */
export class PgCountingProxy extends CountingProxy {
  constructor(target: { host: string; port: number }) {
    super(target, "postgres proxy");
  }

  protected burstIsRoundTrip(): boolean {
    return false; // counted exactly from Sync and Query messages instead
  }

  protected parser(count: (text: string | null) => void): StreamParser {
    let pending: Buffer = Buffer.alloc(0);
    let startup = true;
    // The SQL of the last Parse on this connection, for tracing the Execute that follows it.
    let parsed: string | null = null;
    const cString = (buf: Buffer, from: number) => {
      const end = buf.indexOf(0, from);
      return buf.toString("utf8", from, end < 0 ? buf.length : end);
    };
    return {
      push: (chunk) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          if (startup) {
            if (pending.length < 8) return;
            const length = pending.readInt32BE(0);
            if (pending.length < length) return;
            const code = pending.readInt32BE(4);
            // SSL/GSS negotiation is answered with one byte, then the real startup message follows.
            if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
            pending = pending.subarray(length);
            continue;
          }
          if (pending.length < 5) return;
          const type = String.fromCharCode(pending[0] ?? 0);
          const length = pending.readInt32BE(1);
          if (pending.length < length + 1) return;
          const body = pending.subarray(5, length + 1);
          switch (type) {
            case "Q":
              count(cString(body, 0));
              this.countRoundTrip();
              break;
            case "P": {
              // Parse: statement name \0 query \0 ...
              const nameEnd = body.indexOf(0);
              parsed = cString(body, nameEnd + 1);
              break;
            }
            case "E":
              count(parsed ?? "<prepared statement>");
              parsed = null;
              break;
            case "S":
              this.countRoundTrip();
              break;
          }
          pending = pending.subarray(length + 1);
        }
      },
    };
  }
}

/** Redis (RESP2/3): counts commands as statements and bursts of commands as round trips. */
export class RedisCountingProxy extends CountingProxy {
  constructor(target: { host: string; port: number }) {
    super(target, "redis proxy");
  }

  protected burstIsRoundTrip(): boolean {
    return true;
  }

  protected parser(count: (text: string | null) => void): StreamParser {
    let pending: Buffer = Buffer.alloc(0);
    const line = (from: number): { text: string; next: number } | null => {
      const end = pending.indexOf("\r\n", from);
      return end < 0 ? null : { text: pending.toString("latin1", from, end), next: end + 2 };
    };
    // Returns the bytes one command occupies and its words, or null while incomplete.
    const command = (): { used: number; words: string[] } | null => {
      if (pending[0] !== 0x2a) {
        // An inline command (telnet style): one line.
        const l = line(0);
        return l ? { used: l.next, words: l.text.split(" ") } : null;
      }
      const header = line(0);
      if (!header) return null;
      const n = Number(header.text.slice(1));
      let at = header.next;
      const words: string[] = [];
      for (let i = 0; i < n; i++) {
        const bulk = line(at);
        if (!bulk) return null;
        const size = Number(bulk.text.slice(1));
        if (pending.length < bulk.next + size + 2) return null;
        if (words.length < 2) words.push(pending.toString("utf8", bulk.next, bulk.next + size));
        at = bulk.next + size + 2;
      }
      return { used: at, words };
    };
    return {
      push: (chunk) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (let c = command(); c; c = command()) {
          count(c.words.join(" "));
          pending = pending.subarray(c.used);
        }
      },
    };
  }
}
