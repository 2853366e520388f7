import { readdir, readFile } from 'node:fs/promises';

/**
 * Scripts run as the leader of their own process group (spawned detached on POSIX), so one signal reaches
 * the grandchildren they start too: `sh -c 'sleep 100 & sleep 100'` leaves nothing behind.
 */
export const PROCESS_GROUPS = process.platform !== 'win32';

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signals every member of a group whose leader is still our child; false once the group is empty. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Signals a group whose leader has exited and been reaped. The kernel never hands out a pid still in use as
 * a group id, so if a process with the leader's pid exists, our group is gone and the number was reused:
 * that group is someone else's and is left alone.
 */
export function signalOrphanedGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  return !exists(pgid) && signalGroup(pgid, signal);
}

/** state and pgrp of /proc/<pid>/stat; the command name in parentheses may itself hold spaces. */
async function statOf(pid: string): Promise<{ state: string; pgrp: number } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
  } catch {
    return null; // it exited while we looked
  }
}

/**
 * Whether an orphaned group still has a running member. kill(-pgid, 0) also succeeds for zombies, which an
 * init that does not reap (some containers) keeps forever, so on Linux /proc decides.
 */
export async function orphanedGroupAlive(pgid: number): Promise<boolean> {
  if (!signalOrphanedGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name));
  const stats = await Promise.all(pids.map(statOf));
  return stats.some(
    (stat) => stat !== null && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X',
  );
}
