// CPU time from /proc: a process tree (a server and its children) and a set of PostgreSQL backends, in seconds.
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";

/** Clock ticks per second of /proc's utime/stime (USER_HZ; 100 on Linux x86). */
export const CLOCK_TICKS = (() => {
  try {
    const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime of the process itself, plus cutime + cstime of its children that already exited. */
  ticks: number;
}

async function readStat(pid: number): Promise<Stat | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // gone meanwhile
  }
  // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const num = (i: number) => Number(fields[i] ?? 0);
  // fields[0] is field 3 (state) of proc(5): ppid is field 4, utime..cstime are fields 14..17.
  return { pid, ppid: num(1), ticks: num(11) + num(12) + num(13) + num(14) };
}

async function allStats(): Promise<Stat[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = await Promise.all(pids.map(readStat));
  return stats.filter((s): s is Stat => s !== null);
}

/** CPU seconds used so far by `rootPid` and all its live descendants (exited ones count through their parent). */
export async function treeCpuSeconds(rootPid: number): Promise<number> {
  const stats = await allStats();
  const children = new Map<number, Stat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  let ticks = 0;
  const stack = stats.filter((s) => s.pid === rootPid);
  for (let s = stack.pop(); s; s = stack.pop()) {
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / CLOCK_TICKS;
}

/** Pids of the live descendants of `rootPid`, itself included (to tell a server's processes apart). */
export async function treePids(rootPid: number): Promise<number[]> {
  const stats = await allStats();
  const found = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (found.has(s.ppid) && !found.has(s.pid)) {
        found.add(s.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** CPU seconds of each given process (PostgreSQL backends); a missing process is left out. */
export async function pidsCpuSeconds(pids: readonly number[]): Promise<Map<number, number>> {
  const stats = await Promise.all(pids.map(readStat));
  return new Map(
    stats.filter((s): s is Stat => s !== null).map((s) => [s.pid, s.ticks / CLOCK_TICKS]),
  );
}
