import type { ChildLike } from './child-process';
import { orphanedGroupAlive, signalGroup, signalOrphanedGroup } from './process-group';

export type ChildRole = 'client' | 'target' | 'script' | 'trace';

export interface LiveChild {
  pid: number;
  role: ChildRole;
  label: string;
}

export interface TrackOptions {
  /** The child leads its own process group (spawned detached): signals go to the whole group. */
  group?: boolean;
}

export interface ProcessRegistry {
  /** Tracks a child until it exits; its pid becomes a valid signal target. Once shutting down, kills it. */
  add(child: ChildLike, role: ChildRole, label: string, options?: TrackOptions): void;
  has(pid: number): boolean;
  list(): LiveChild[];
  /**
   * SIGTERM to every child (and to the groups they lead), SIGKILL to whatever is still alive after the
   * grace period; resolves once every child has exited and been reaped.
   */
  shutdown(graceMs?: number): Promise<void>;
}

interface Tracked extends LiveChild {
  group: boolean;
  exited: Promise<void>;
}

const POLL_MS = 20;
/** After SIGKILL, how long to wait for the members of orphaned groups to go. */
const KILL_WAIT_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createProcessRegistry(): ProcessRegistry {
  const live = new Map<number, Tracked>();
  // Groups whose leader has exited while members live on: a backgrounded grandchild, say.
  const orphanedGroups = new Set<number>();
  let shuttingDown = false;

  function signal(child: Tracked, name: NodeJS.Signals): void {
    if (child.group && signalGroup(child.pid, name)) return;
    try {
      process.kill(child.pid, name);
    } catch {
      // Already gone: its exit event is on its way.
    }
  }

  function signalOrphans(name: NodeJS.Signals): void {
    for (const pgid of orphanedGroups) {
      if (!signalOrphanedGroup(pgid, name)) orphanedGroups.delete(pgid);
    }
  }

  /** Polls until no orphaned group has a running member, or the deadline passes; true if all are gone. */
  async function orphansGone(deadline: number): Promise<boolean> {
    for (;;) {
      for (const pgid of [...orphanedGroups]) {
        if (!(await orphanedGroupAlive(pgid))) orphanedGroups.delete(pgid);
      }
      if (orphanedGroups.size === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  return {
    add(child, role, label, options = {}) {
      const pid = child.pid;
      if (pid === undefined) return;
      const group = options.group === true;
      for (const pgid of orphanedGroups) {
        if (!signalOrphanedGroup(pgid, 0)) orphanedGroups.delete(pgid); // emptied on its own
      }
      const exited = new Promise<void>((resolve) => {
        child.on('exit', () => {
          live.delete(pid);
          if (group && signalOrphanedGroup(pid, 0)) orphanedGroups.add(pid);
          resolve();
        });
      });
      const tracked = { pid, role, label, group, exited };
      live.set(pid, tracked);
      // Started while the lab quits (a launch slice or a command already under way): it must not outlive it.
      if (shuttingDown) signal(tracked, 'SIGKILL');
    },
    has: (pid) => live.has(pid),
    list: () => [...live.values()].map(({ pid, role, label }) => ({ pid, role, label })),
    async shutdown(graceMs = 2_000) {
      shuttingDown = true;
      const children = [...live.values()];
      if (children.length === 0 && orphanedGroups.size === 0) return;
      const deadline = Date.now() + graceMs;
      for (const child of children) {
        signal(child, 'SIGCONT'); // a stopped child cannot act on SIGTERM
        signal(child, 'SIGTERM');
      }
      signalOrphans('SIGCONT');
      signalOrphans('SIGTERM');
      const allExited = Promise.all(children.map((child) => child.exited));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace-over'>((resolve) => {
        timer = setTimeout(() => resolve('grace-over'), graceMs);
      });
      const leadersGone = (await Promise.race([allExited, graceOver])) !== 'grace-over';
      clearTimeout(timer);
      // Leaders that quit on SIGTERM may leave members behind; those get the rest of the grace period.
      if (!leadersGone || !(await orphansGone(deadline))) {
        for (const child of live.values()) signal(child, 'SIGKILL');
        signalOrphans('SIGKILL');
      }
      // Latecomers too: they were killed as they were added.
      await Promise.all([...live.values()].map((child) => child.exited));
      signalOrphans('SIGKILL'); // groups of leaders that only exited on SIGKILL
      await orphansGone(Date.now() + KILL_WAIT_MS);
    },
  };
}
