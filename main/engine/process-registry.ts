import type { ChildLike } from './child-process';

export type ChildRole = 'client' | 'target' | 'script';

export interface LiveChild {
  pid: number;
  role: ChildRole;
  label: string;
}

export interface ProcessRegistry {
  /** Tracks a child until it exits; its pid becomes a valid signal target. */
  add(child: ChildLike, role: ChildRole, label: string): void;
  has(pid: number): boolean;
  list(): LiveChild[];
  /** SIGTERM to every child, SIGKILL to those still alive after the grace period; resolves once all have exited. */
  shutdown(graceMs?: number): Promise<void>;
}

export function createProcessRegistry(): ProcessRegistry {
  const live = new Map<number, LiveChild & { exited: Promise<void> }>();

  function signal(pid: number, name: NodeJS.Signals): void {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone: its exit event is on its way.
    }
  }

  return {
    add(child, role, label) {
      const pid = child.pid;
      if (pid === undefined) return;
      const exited = new Promise<void>((resolve) => {
        child.on('exit', () => {
          live.delete(pid);
          resolve();
        });
      });
      live.set(pid, { pid, role, label, exited });
    },
    has: (pid) => live.has(pid),
    list: () => [...live.values()].map(({ pid, role, label }) => ({ pid, role, label })),
    async shutdown(graceMs = 2_000) {
      const children = [...live.values()];
      if (children.length === 0) return;
      for (const child of children) {
        signal(child.pid, 'SIGCONT'); // a stopped child cannot act on SIGTERM
        signal(child.pid, 'SIGTERM');
      }
      const allExited = Promise.all(children.map((child) => child.exited));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace-over'>((resolve) => {
        timer = setTimeout(() => resolve('grace-over'), graceMs);
      });
      if ((await Promise.race([allExited, graceOver])) === 'grace-over') {
        for (const child of live.values()) signal(child.pid, 'SIGKILL');
        await allExited;
      }
      clearTimeout(timer);
    },
  };
}
