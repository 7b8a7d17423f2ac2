// Makes PGlite's socket server keep each client's extended-query cycle together.
//
// pglite-socket (0.2.17) queues protocol messages from all connections and feeds them to the single PGlite backend
// one message at a time, sticking to one connection only while a transaction is open. Outside a transaction,
// node-postgres sends Parse/Bind/Describe/Execute/Sync as separate messages, so two connections' cycles interleave
// and the shared unnamed prepared statement of one is replaced by the other's ("unnamed prepared statement does not
// exist", or worse, a Bind to the wrong statement). This replaces the queue's scheduler so that a connection that
// has started a cycle keeps the backend until its Sync (or a simple Query) completes, as well as during a
// transaction. The queue object is internal to pglite-socket; the shape is checked before patching, and a version
// that changes it fails loudly at startup instead of corrupting queries.
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface Backend {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

interface QueryQueue {
  queue: QueueItem[];
  db: Backend;
  processing: boolean;
  lastHandlerId: number | null | undefined;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Extended-protocol messages after which the same client must continue (the cycle ends at Sync). */
const CYCLE_CONTINUES = new Set(
  ["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)),
);

function isQueryQueue(value: unknown): value is QueryQueue {
  if (typeof value !== "object" || value === null) return false;
  const q = value as Partial<QueryQueue>;
  return (
    Array.isArray(q.queue) &&
    typeof q.processQueue === "function" &&
    typeof q.clearTransactionIfNeeded === "function" &&
    typeof q.db?.runExclusive === "function" &&
    typeof q.db.execProtocolRawStream === "function" &&
    typeof q.db.isInTransaction === "function"
  );
}

export function keepQueryCyclesTogether(server: PGLiteSocketServer): void {
  const candidate: unknown = (server as unknown as { queryQueue?: unknown }).queryQueue;
  if (!isQueryQueue(candidate)) {
    throw new Error(
      "Embedded PostgreSQL: @electric-sql/pglite-socket changed its internal query queue; " +
        "review packages/db/src/embedded-queue.ts before upgrading it",
    );
  }
  const q = candidate;
  let midCycle = false;

  q.processQueue = async function processQueue(): Promise<void> {
    if (q.processing || q.queue.length === 0) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const owner =
          (midCycle || q.db.isInTransaction()) && q.lastHandlerId != null ? q.lastHandlerId : null;
        let item: QueueItem | undefined;
        if (owner === null) {
          item = q.queue.shift();
        } else {
          const index = q.queue.findIndex((i) => i.handlerId === owner);
          // The owner has not sent its next message yet: wait for it (enqueue calls processQueue again).
          if (index === -1) break;
          item = q.queue.splice(index, 1)[0];
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          midCycle = false;
          q.lastHandlerId = null;
          current.reject(error);
          continue;
        }
        const type = current.message[0];
        midCycle = type !== undefined && CYCLE_CONTINUES.has(type);
        q.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      q.processing = false;
    }
  };

  // A client that disconnects mid-cycle or mid-transaction must not keep the backend: roll back and move on.
  q.clearTransactionIfNeeded = async function clearTransactionIfNeeded(
    handlerId: number,
  ): Promise<void> {
    if (q.lastHandlerId !== handlerId) return;
    if (q.db.isInTransaction()) await q.db.exec("ROLLBACK");
    midCycle = false;
    q.lastHandlerId = null;
    await q.processQueue();
  };
}
