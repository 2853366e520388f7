// CPU time of whole processes to the nanosecond, from each thread's /proc/<pid>/task/<tid>/schedstat (its time on
// a CPU), where /proc/<pid>/stat counts 10 ms ticks: a page's few tens of ms need the finer clock.
import { readdirSync, readFileSync } from 'node:fs';

/** Each live thread's CPU time in ns, keyed `pid/tid`, for the given processes. */
export type ThreadCpu = Map<string, number>;

export function threadCpu(pids: readonly number[]): ThreadCpu {
  const times: ThreadCpu = new Map();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        if (Number.isFinite(ns)) times.set(`${pid}/${tid}`, ns);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return times;
}

/**
 * Milliseconds of CPU between two readings, over the threads of `pids` (all the readings' processes when not
 * given): a thread that began since counts whole; one that ended since is lost with its last moments.
 */
export function cpuMsBetween(before: ThreadCpu, after: ThreadCpu, pids?: readonly number[]): number {
  const wanted = pids === undefined ? null : new Set(pids.map(String));
  let ns = 0;
  for (const [key, time] of after) {
    if (wanted !== null && !wanted.has(key.slice(0, key.indexOf('/')))) continue;
    ns += time - (before.get(key) ?? 0);
  }
  return ns / 1e6;
}
