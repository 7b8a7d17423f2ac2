// A TCP proxy in front of a PostgreSQL server that tests switch between working and failing the ways a real
// database does (stopped, starting up, unresponsive), without touching the server itself, which others share.
import { createServer, connect as tcpConnect } from "node:net";
import type { Server, Socket } from "node:net";

export type DatabaseProxyMode =
  /** Pass everything through to the server. */
  | "forward"
  /** Nothing listens on the port any more: new connections are refused, open ones are cut (server stopped). */
  | "down"
  /** Every new connection gets PostgreSQL's FATAL 57P03 "the database system is starting up"; open ones are cut. */
  | "starting-up"
  /** Connections are accepted and never answered (a hung server or a black-holed network); open ones are cut. */
  | "unresponsive"
  /**
   * A frozen server: open connections stay up but nothing comes back on them (what is sent is held, and delivered
   * when the mode returns to "forward"); new connections are accepted and never answered.
   */
  | "frozen";

export interface DatabaseProxy {
  /** The target URL with the proxy's host and port. */
  url: string;
  port: number;
  mode(): DatabaseProxyMode;
  setMode(mode: DatabaseProxyMode): Promise<void>;
  close(): Promise<void>;
}

/** An ErrorResponse message as PostgreSQL sends it before closing a connection it cannot serve. */
function fatal(sqlstate: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[
      ["S", "FATAL"],
      ["V", "FATAL"],
      ["C", sqlstate],
      ["M", message],
    ].map(([type, value]) => Buffer.from(`${type}${value}\0`, "utf8")),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "ascii");
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

export async function startDatabaseProxy(
  targetUrl: string,
  opts: { mode?: DatabaseProxyMode } = {},
): Promise<DatabaseProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  let mode: DatabaseProxyMode = opts.mode ?? "forward";
  let port = 0;
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let held: (() => void)[] = [];

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // A cut connection errors on both sides; that is the point, not a failure of the proxy.
    socket.on("error", () => undefined);
  };

  const onConnection = (client: Socket) => {
    track(client);
    if (mode === "starting-up") {
      client.once("data", () => {
        client.end(fatal("57P03", "the database system is starting up"));
      });
      return;
    }
    if (mode === "unresponsive" || mode === "frozen") return;
    const upstream = tcpConnect(targetPort, target.hostname);
    track(upstream);
    // By hand rather than pipe(): a frozen proxy holds the bytes of both directions.
    const relay = (from: Socket, to: Socket) => {
      from.on("data", (chunk: Buffer) => {
        if (mode === "frozen") held.push(() => to.write(chunk));
        else to.write(chunk);
      });
    };
    relay(client, upstream);
    relay(upstream, client);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(onConnection);
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        const address = next.address();
        if (address && typeof address === "object") port = address.port;
        server = next;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };

  // Listening once picks the port, which stays the proxy's while it goes down and up again.
  await listen();
  if (mode === "down") await stopListening();

  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    mode: () => mode,
    async setMode(next) {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      if (next === "frozen") return;
      if (previous === "frozen" && next === "forward") {
        const release = held;
        held = [];
        for (const write of release) write();
        return;
      }
      held = [];
      cutAll();
      if (next === "down") await stopListening();
      else if (!server) await listen();
    },
    async close() {
      mode = "down";
      cutAll();
      await stopListening();
    },
  };
}
