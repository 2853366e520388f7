import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SignalInfo, SignalName, SignalSource } from '../../contract';
import {
  APP_HANDLED_SIGNALS,
  CATCHABLE_SIGNALS,
  isAppHandledSignal,
  isCatchableSignal,
  SIGNAL_NAMES,
} from '../../contract';
import type { ForkNode } from './child-process';
import type { EventLog } from './event-log';
import type { ProcessRegistry } from './process-registry';
import { watchSignalTarget } from './signal-target-watch';

export interface SignalHubDeps {
  log: EventLog;
  registry: ProcessRegistry;
  forkNode: ForkNode;
  childrenDir: string;
  /** Called after each SIGALRM is recorded, so the alarm can re-arm. */
  onAlarm?: () => void;
  proc?: NodeJS.Process;
}

export interface SignalHub {
  signals(): SignalInfo[];
  /** Non-null where signals cannot work (Windows). */
  readonly unsupportedReason: string | null;
  install(): void;
  uninstall(): void;
  send(signal: SignalName, target: 'app' | number): { pid: number };
  spawnTarget(signal: SignalName): Promise<{ pid: number }>;
  /** The alarm calls this just before it raises SIGALRM, so the delivery is credited to it. */
  expectAlarm(): void;
}

/** A sent signal not seen within this time is forgotten, so a lost one cannot mislabel a later external one. */
const PENDING_TTL_MS = 5_000;
const STATE_POLL_MS = 10;
const STATE_WAIT_MS = 500;
const READY_WAIT_MS = 5_000;

const UNSUPPORTED =
  'signals are a POSIX feature (Linux, macOS); Windows has no SIGUSR1, SIGALRM, kill -12 or signal.alarm';

function numberOf(signal: SignalName): number {
  const number = (os.constants.signals as Partial<Record<string, number>>)[signal];
  if (number === undefined) throw new Error(`${signal} has no number on ${process.platform}`);
  return number;
}

/** Why the app will not signal itself with a signal it does not handle. */
function refusalForApp(signal: SignalName): string {
  if (signal === 'SIGKILL') return 'SIGKILL cannot be caught: it would kill the app';
  if (signal === 'SIGSTOP') return 'SIGSTOP cannot be caught: it would freeze the app';
  if (signal === 'SIGCONT') return 'SIGCONT only resumes a stopped process; send it to a stopped lab child';
  return `${signal} would quit the app; it is not offered against the app itself`;
}

function refusalForTarget(signal: SignalName): string {
  if (signal === 'SIGKILL' || signal === 'SIGSTOP') {
    return `${signal} cannot be caught, so no handler can be installed for it`;
  }
  return `a signal target can listen for ${CATCHABLE_SIGNALS.join(', ')}; not ${signal}`;
}

/** The state letter of /proc/<pid>/stat (T = stopped); null once the process is gone. */
async function procState(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || null;
  } catch {
    return null;
  }
}

/** Polls briefly until the kernel shows the child stopped or running again; silent if it exits first. */
async function confirmState(pid: number, stopped: boolean): Promise<boolean> {
  if (process.platform !== 'linux') return true; // no /proc: kill() succeeding is all we know
  const until = Date.now() + STATE_WAIT_MS;
  for (let i = 0; i < STATE_WAIT_MS / STATE_POLL_MS + 1 && Date.now() <= until; i += 1) {
    const state = await procState(pid);
    if (state === null || state === 'Z' || state === 'X') return false;
    if ((state === 'T') === stopped) return true;
    await new Promise((resolve) => setTimeout(resolve, STATE_POLL_MS));
  }
  return false;
}

export function createSignalHub({
  log,
  registry,
  forkNode,
  childrenDir,
  onAlarm,
  proc = process,
}: SignalHubDeps): SignalHub {
  const unsupportedReason = proc.platform === 'win32' ? UNSUPPORTED : null;
  const pending = new Map<SignalName, number[]>(); // expiry times of signals the lab sent itself
  const listeners = new Map<SignalName, () => void>();
  let alarmsExpected: number[] = [];

  function take(list: number[]): boolean {
    const now = Date.now();
    while (list.length > 0 && (list[0] ?? 0) < now) list.shift();
    return list.shift() !== undefined;
  }

  function sourceOf(signal: SignalName): SignalSource {
    if (signal === 'SIGALRM' && take(alarmsExpected)) return 'alarm';
    if (take(pending.get(signal) ?? [])) return 'button';
    return 'external';
  }

  function received(signal: SignalName): void {
    log.append({
      kind: 'signal:received',
      signal,
      number: numberOf(signal),
      source: sourceOf(signal),
      pid: proc.pid,
    });
    if (signal === 'SIGALRM') onAlarm?.();
  }

  function sendToApp(signal: SignalName, number: number): { pid: number } {
    if (!isAppHandledSignal(signal)) throw new Error(refusalForApp(signal));
    // Without our handler the default action of these signals would end the app.
    if (!listeners.has(signal)) {
      throw new Error(`the app has no ${signal} handler installed; it would be killed`);
    }
    const list = pending.get(signal) ?? [];
    pending.set(signal, list);
    list.push(Date.now() + PENDING_TTL_MS);
    try {
      proc.kill(proc.pid, signal);
    } catch (error) {
      list.pop();
      throw error;
    }
    log.append({ kind: 'signal:sent', signal, number, pid: proc.pid, target: 'app' });
    return { pid: proc.pid };
  }

  function sendToChild(signal: SignalName, number: number, pid: number): { pid: number } {
    if (!registry.has(pid)) throw new Error(`pid ${pid} was not started by the lab; refusing to signal it`);
    try {
      proc.kill(pid, signal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ESRCH' ? `pid ${pid} has already exited` : `cannot signal pid ${pid}: ${code}`,
      );
    }
    log.append({ kind: 'signal:sent', signal, number, pid, target: 'child' });
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') {
      const stopped = signal === 'SIGSTOP';
      void confirmState(pid, stopped).then((confirmed) => {
        if (confirmed) log.append({ kind: 'child:state', pid, state: stopped ? 'stopped' : 'continued' });
      });
    }
    return { pid };
  }

  return {
    signals: () =>
      SIGNAL_NAMES.flatMap((name) => {
        const number = (os.constants.signals as Partial<Record<string, number>>)[name];
        return number === undefined ? [] : [{ name, number }];
      }),
    unsupportedReason,
    install() {
      if (unsupportedReason) return;
      for (const signal of APP_HANDLED_SIGNALS) {
        if (listeners.has(signal)) continue;
        const listener = (): void => received(signal);
        listeners.set(signal, listener);
        proc.on(signal, listener);
      }
    },
    uninstall() {
      for (const [signal, listener] of listeners) proc.off(signal, listener);
      listeners.clear();
    },
    send(signal, target) {
      if (unsupportedReason) throw new Error(unsupportedReason);
      const number = numberOf(signal);
      return target === 'app' ? sendToApp(signal, number) : sendToChild(signal, number, target);
    },
    async spawnTarget(signal) {
      if (unsupportedReason) throw new Error(unsupportedReason);
      if (!isCatchableSignal(signal)) throw new Error(refusalForTarget(signal));
      const number = numberOf(signal);
      const child = forkNode(path.join(childrenDir, 'signal-target.cjs'), [signal]);
      return watchSignalTarget({ log, registry, proc, readyWaitMs: READY_WAIT_MS }, child, signal, number);
    },
    expectAlarm() {
      alarmsExpected.push(Date.now() + PENDING_TTL_MS);
      alarmsExpected = alarmsExpected.slice(-16); // expired entries only go on delivery; keep it small
    },
  };
}
