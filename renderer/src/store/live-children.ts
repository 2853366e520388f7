import type { Client } from './clients-slice';
import type { Script } from './scripts-slice';
import type { SignalTarget } from './signals-slice';

export interface LiveChild {
  pid: number;
  kind: 'client' | 'target' | 'script';
  label: string;
}

export interface LiveChildSources {
  clients: ReadonlyMap<string, Client>;
  targets: ReadonlyMap<number, SignalTarget>;
  scripts: ReadonlyMap<number, Script>;
  childStates: ReadonlyMap<number, { state: 'stopped' | 'continued' }>;
  /** The host's own pid: it is not a child. */
  appPid: number | null;
}

/** Children that have not exited, one per pid, for the signal target picker. */
export function listLiveChildren({
  clients,
  targets,
  scripts,
  childStates,
  appPid,
}: LiveChildSources): LiveChild[] {
  const byPid = new Map<number, LiveChild>();
  const add = (pid: number | null, kind: LiveChild['kind'], what: string) => {
    if (pid === null || pid <= 0 || pid === appPid || byPid.has(pid)) return;
    const stopped = childStates.get(pid)?.state === 'stopped' ? ' (stopped)' : '';
    byPid.set(pid, { pid, kind, label: `pid ${pid}: ${what}${stopped}` });
  };
  for (const target of targets.values()) {
    if (!target.exit) add(target.pid, 'target', `signal target for ${target.signal}`);
  }
  for (const script of scripts.values()) {
    if (!script.exit && !script.error) add(script.pid, 'script', `script ${script.argv.join(' ')}`);
  }
  for (const client of clients.values()) {
    if (client.exit) continue;
    // Thread clients share one process, listed once for the whole run.
    const what =
      client.mode === 'thread'
        ? `thread clients of run ${client.runId}`
        : `${client.mode} client ${client.clientId}`;
    add(client.pid, 'client', what);
  }
  return [...byPid.values()];
}
