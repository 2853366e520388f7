import { createInterface } from 'node:readline';
import type { SignalName } from '../../contract';
import type { ChildLike } from './child-process';
import type { EventLog } from './event-log';
import type { ProcessRegistry } from './process-registry';

export interface TargetWatchDeps {
  log: EventLog;
  registry: ProcessRegistry;
  proc: NodeJS.Process;
  readyWaitMs: number;
}

const GOT_SIGNAL = /^Got signal \d+ \(\w+\) at .+$/;
const READY = /^ready (\d+)$/;

/**
 * Reports a started signal target's life (spawn, each signal it got, exit) and resolves once it says
 * `ready <pid>`: only then is its handler in place, so a signal sent right after cannot kill it.
 */
export function watchSignalTarget(
  { log, registry, proc, readyWaitMs }: TargetWatchDeps,
  child: ChildLike,
  signal: SignalName,
  number: number,
): Promise<{ pid: number }> {
  return new Promise((resolve, reject) => {
    let pid = child.pid;
    let settled = false;
    let registered = false;
    let stderr = '';
    let exit: { code: number | null; signal: string | null } | null = null;
    let outputDone = child.stdout === null;

    // utilityProcess only knows its pid once spawned; Node's ChildProcess knows it at once.
    const register = (): void => {
      pid ??= child.pid;
      if (registered || pid === undefined) return;
      registered = true;
      registry.add(child, 'target', `${signal} target`);
      log.append({ kind: 'target:spawn', pid, signal, number });
    };
    // Every line is read before the exit is reported, so no target:signal follows target:exit.
    const reportExit = (): void => {
      if (exit && outputDone && pid !== undefined) log.append({ kind: 'target:exit', pid, ...exit });
    };
    const settle = (outcome: { pid: number } | Error): void => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => {
      settle(new Error(`the ${signal} target did not say it was ready within ${readyWaitMs} ms`));
      try {
        if (pid !== undefined) proc.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, readyWaitMs);

    register();
    child.on('spawn', register);
    child.on('error', (error) => settle(new Error(`cannot start the signal target: ${error.message}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      const why = `code ${code}, signal ${exitSignal}`;
      settle(new Error(`the ${signal} target exited before it was ready (${why}) ${stderr}`.trim()));
      reportExit();
    });
    if (!child.stdout) return;
    const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('close', () => {
      outputDone = true;
      reportExit();
    });
    lines.on('line', (line) => {
      const ready = READY.exec(line);
      if (ready && !settled) {
        pid ??= Number(ready[1]);
        register();
        settle({ pid });
      } else if (GOT_SIGNAL.test(line) && pid !== undefined) {
        log.append({ kind: 'target:signal', pid, signal, number, line });
      }
    });
  });
}
