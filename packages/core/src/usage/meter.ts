// The request meter: every authenticated API request (tRPC, REST, the CLI) is added to an in-process buffer —
// no database write and no network call on the request's path — and each process writes its buffer to
// api_usage_hourly every USAGE_FLUSH_INTERVAL_MS and on shutdown (flush). A flush that fails (database unreachable)
// puts its counts back, so they go out with the next one. Redis is not on this path at all: a Redis outage or
// restart cannot lose a count, and the monthly quota is read from the database plus this buffer (quota.ts).
import type { Db } from "@tenantry/db";
import { newId, withTenantTransaction } from "@tenantry/db";

import { env } from "../env.ts";
import { addBuckets, bucketOf, emptyBuckets } from "./histogram.ts";

export interface MeteredRequest {
  organizationId: string;
  /** tRPC procedure path, or the REST route ("GET /api/v1/projects/{id}"). At most 200 characters. */
  procedure: string;
  apiKeyId: string | null;
  /** A bearer token or API key (counted against the monthly quota); false for the dashboard's session. */
  programmatic: boolean;
  status: number;
  latencyMs: number;
  at?: Date;
}

interface Cell {
  organizationId: string;
  hour: Date;
  procedure: string;
  apiKeyId: string | null;
  programmatic: boolean;
  statusClass: number;
  count: number;
  latencySumMs: number;
  buckets: number[];
}

/** Called after a flush wrote an organization's counts, in that flush's tenant transaction (quota warnings). */
export type AfterFlush = (
  tx: Parameters<Parameters<typeof withTenantTransaction>[2]>[0],
  organizationId: string,
  flushed: { programmatic: number },
) => Promise<void>;

const hourOf = (at: Date) => {
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
};

const statusClassOf = (status: number) => Math.min(5, Math.max(2, Math.floor(status / 100)));

export class UsageMeter {
  private buffer = new Map<string, Cell>();
  /** Programmatic requests recorded, and written, per organization since the process started (monotonic). */
  private readonly recorded = new Map<string, number>();
  private readonly written = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private afterFlush: AfterFlush | null = null;
  /** The database the timer flushes to, set by start(). */
  private db: Db | null = null;

  record(request: MeteredRequest): void {
    const hour = hourOf(request.at ?? new Date());
    const procedure = request.procedure.slice(0, 200);
    const statusClass = statusClassOf(request.status);
    const key = [
      request.organizationId,
      hour.getTime(),
      procedure,
      request.apiKeyId ?? "",
      request.programmatic ? 1 : 0,
      statusClass,
    ].join("\u0000");
    let cell = this.buffer.get(key);
    if (!cell) {
      cell = {
        organizationId: request.organizationId,
        hour,
        procedure,
        apiKeyId: request.apiKeyId,
        programmatic: request.programmatic,
        statusClass,
        count: 0,
        latencySumMs: 0,
        buckets: emptyBuckets(),
      };
      this.buffer.set(key, cell);
    }
    const latency = Math.max(0, Math.round(request.latencyMs));
    cell.count += 1;
    cell.latencySumMs += latency;
    const bucket = bucketOf(latency);
    cell.buckets[bucket] = (cell.buckets[bucket] ?? 0) + 1;
    if (request.programmatic) {
      this.recorded.set(
        request.organizationId,
        (this.recorded.get(request.organizationId) ?? 0) + 1,
      );
    }
  }

  /** Programmatic requests of the organization recorded here and not yet written to the database. */
  pendingProgrammatic(organizationId: string): number {
    return (this.recorded.get(organizationId) ?? 0) - (this.written.get(organizationId) ?? 0);
  }

  /** Programmatic requests of the organization recorded here so far (monotonic; quota.ts reads deltas of it). */
  recordedProgrammatic(organizationId: string): number {
    return this.recorded.get(organizationId) ?? 0;
  }

  /** Requests buffered in this process (all organizations). */
  bufferedRequests(): number {
    let total = 0;
    for (const cell of this.buffer.values()) total += cell.count;
    return total;
  }

  onFlushed(hook: AfterFlush): void {
    this.afterFlush = hook;
  }

  /**
   * Writes the buffer to the database: one tenant transaction per organization, one INSERT of all its rows. A flush
   * already running is awaited instead of starting a second one. Throws when some organization's counts could not
   * be written; those stay buffered.
   */
  async flush(db: Db): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.size === 0) return;
    const snapshot = this.buffer;
    this.buffer = new Map();
    this.flushing = this.write(db, snapshot).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async write(db: Db, snapshot: Map<string, Cell>): Promise<void> {
    const byOrganization = new Map<string, Cell[]>();
    for (const cell of snapshot.values()) {
      const cells = byOrganization.get(cell.organizationId) ?? [];
      cells.push(cell);
      byOrganization.set(cell.organizationId, cells);
    }
    let failure: Error | null = null;
    for (const [organizationId, cells] of byOrganization) {
      const programmatic = cells.reduce((n, c) => n + (c.programmatic ? c.count : 0), 0);
      try {
        await withTenantTransaction(
          db,
          { userId: "", organizationId, role: "METER" },
          async (tx) => {
            // The flush of an organization that was purged meanwhile writes nothing (the FK would refuse the rows).
            await tx.$executeRaw`
            INSERT INTO api_usage_hourly (id, organization_id, hour, procedure, api_key_id, programmatic,
                                          status_class, count, latency_sum_ms, latency_buckets)
            SELECT u.id, ${organizationId}::uuid, u.hour, u.procedure, u.api_key_id, u.programmatic,
                   u.status_class, u.count, u.latency_sum_ms, u.buckets::int[]
            FROM unnest(${cells.map(() => newId())}::uuid[], ${cells.map((c) => c.hour)}::timestamptz[],
                        ${cells.map((c) => c.procedure)}::text[], ${cells.map((c) => c.apiKeyId)}::uuid[],
                        ${cells.map((c) => c.programmatic)}::boolean[],
                        ${cells.map((c) => c.statusClass)}::smallint[], ${cells.map((c) => c.count)}::int[],
                        ${cells.map((c) => c.latencySumMs)}::bigint[],
                        ${cells.map((c) => `{${c.buckets.join(",")}}`)}::text[])
              AS u(id, hour, procedure, api_key_id, programmatic, status_class, count, latency_sum_ms, buckets)
            WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = ${organizationId}::uuid)`;
            if (this.afterFlush) await this.afterFlush(tx, organizationId, { programmatic });
          },
        );
        this.written.set(organizationId, (this.written.get(organizationId) ?? 0) + programmatic);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        for (const cell of cells) this.putBack(cell);
      }
    }
    if (failure) throw failure;
  }

  private putBack(cell: Cell): void {
    const key = [
      cell.organizationId,
      cell.hour.getTime(),
      cell.procedure,
      cell.apiKeyId ?? "",
      cell.programmatic ? 1 : 0,
      cell.statusClass,
    ].join("\u0000");
    const current = this.buffer.get(key);
    if (!current) {
      this.buffer.set(key, cell);
      return;
    }
    current.count += cell.count;
    current.latencySumMs += cell.latencySumMs;
    addBuckets(current.buckets, cell.buckets);
  }

  /** Flushes every `intervalMs` (USAGE_FLUSH_INTERVAL_MS); the timer does not keep the process alive. */
  start(
    db: Db,
    intervalMs = env.USAGE_FLUSH_INTERVAL_MS,
    onError?: (error: unknown) => void,
  ): void {
    if (this.timer) return;
    this.db = db;
    this.timer = setInterval(() => {
      this.flush(db).catch((error: unknown) => onError?.(error));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is buffered (the shutdown hook); to `db`, else to the started one. */
  async stop(db: Db | null = this.db): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (db) await this.flush(db);
  }
}
