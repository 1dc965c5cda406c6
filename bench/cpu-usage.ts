// Where the machine's CPU goes during a measured window (Linux /proc; elsewhere null): the server
// process, PostgreSQL's processes, this benchmark's own process (the load generator) and the whole
// machine's busy share. Printed beside a throughput, it says what each request costs and who is
// the bottleneck — a ratio to pgbench alone cannot tell a slow server from a saturated machine.
import fs from 'node:fs';
import os from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Snapshot {
  at: number;
  serverMs: number;
  /** CPU so far of each PostgreSQL process, by pid. */
  postgres: Map<string, number>;
  selfMs: number;
  machineBusy: number;
  machineAll: number;
}

function procCpuMs(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at ") ": utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function postgresProcesses(): Map<string, number> {
  const found = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') found.set(pid, procCpuMs(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * PostgreSQL's CPU between two snapshots: for each process alive at the end, what it used since the
 * start (all of it when it started meanwhile). A process that ended meanwhile (an autovacuum worker)
 * cannot be read any more and is left out, so the figure errs low, never below zero.
 */
function postgresDelta(before: Map<string, number>, after: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

function machine(): { busy: number; all: number } {
  const [, ...cols] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = cols.map(Number);
  const idle = n[3]! + n[4]!; // idle + iowait
  const all = n.reduce((a, b) => a + b, 0);
  return { busy: all - idle, all };
}

export function cpuSnapshot(serverPid: number | undefined): Snapshot | null {
  if (os.platform() !== 'linux' || !fs.existsSync('/proc/stat')) return null;
  const self = process.cpuUsage();
  const m = machine();
  return {
    at: Date.now(),
    serverMs: serverPid ? procCpuMs(serverPid) : 0,
    postgres: postgresProcesses(),
    selfMs: (self.user + self.system) / 1000,
    machineBusy: m.busy,
    machineAll: m.all,
  };
}

/** CPU milliseconds per unit of work (a pair, a request) between two snapshots, and the machine's busy share. */
export function cpuPer(before: Snapshot | null, after: Snapshot | null, units: number) {
  if (!before || !after || units === 0) return null;
  const per = (ms: number) => Math.round((ms / units) * 100) / 100;
  return {
    serverMs: per(after.serverMs - before.serverMs),
    postgresMs: per(postgresDelta(before.postgres, after.postgres)),
    loadGeneratorMs: per(after.selfMs - before.selfMs),
    machineBusyPercent: Math.round(((after.machineBusy - before.machineBusy) / Math.max(1, after.machineAll - before.machineAll)) * 1000) / 10,
  };
}
