// /proc inspection for the reliability suites (and the bench's CPU budget): which processes exist, who their
// parent is, whether a process is still the same one (a pid can be reused; its start time tells them apart),
// and the CPU each used.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { TIMEOUT } from '../timeouts';

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks after boot: tells a process from a later one that got the same pid. */
  startTime: number;
  /** CPU time it used itself, user plus system, in ms (counted in 10 ms ticks). */
  cpuMs: number;
  /** CPU time of the children it has reaped, in ms: a child's time is added when its parent waits for it. */
  reapedCpuMs: number;
}

/** Linux's USER_HZ, the unit of the CPU times in /proc/<pid>/stat: 100 ticks a second on every architecture. */
const TICK_MS = 10;

/** /proc/<pid>/stat, or null once the process is gone (and reaped). */
export function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      comm: stat.slice(stat.indexOf('(') + 1, close),
      state: fields[0] ?? '',
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      startTime: Number(fields[19]),
      cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
      reapedCpuMs: (Number(fields[13]) + Number(fields[14])) * TICK_MS,
    };
  } catch {
    return null;
  }
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

export function allProcesses(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => procStat(Number(name)) ?? []);
}

/** Every process below `pid`, found by walking ppid links. */
export function descendantsOf(pid: number): ProcStat[] {
  const all = allProcesses();
  const found: ProcStat[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((proc) => parents.has(proc.ppid));
    found.push(...children);
    parents = new Set(children.map((proc) => proc.pid));
  }
  return found;
}

/** The same process, still running: not reaped, not a zombie, and not a newer process with its pid. */
export function stillRunning(proc: ProcStat): boolean {
  const now = procStat(proc.pid);
  return now !== null && now.startTime === proc.startTime && now.state !== 'Z' && now.state !== 'X';
}

/** Waits until none of `procs` is running, then returns the ones that still are (for the assertion). */
export async function survivors(procs: readonly ProcStat[], ms: number = TIMEOUT.stop): Promise<ProcStat[]> {
  const deadline = Date.now() + ms;
  let left = procs.filter(stillRunning);
  while (left.length > 0 && Date.now() < deadline) {
    await delay(20);
    left = left.filter(stillRunning);
  }
  return left.map((proc) => ({ ...proc, comm: `${proc.comm} ${cmdline(proc.pid)}` }));
}

/** Zombies whose parent is `pid`: children it never reaped. */
export function unreapedChildrenOf(pid: number): ProcStat[] {
  return allProcesses().filter((proc) => proc.ppid === pid && proc.state === 'Z');
}

/** Running processes adopted by init (their parent is gone) whose command line contains `marker`. */
export function orphansMentioning(marker: string): ProcStat[] {
  return allProcesses().filter(
    (proc) => proc.ppid === 1 && proc.state !== 'Z' && cmdline(proc.pid).includes(marker),
  );
}
