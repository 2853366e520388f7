// The parent side: starts one bench process (bare server, lab host, load generator) and calls its ops.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Api, RpcReply } from './rpc-types';

export interface Proc<A extends Api> {
  readonly pid: number;
  call<K extends keyof A & string>(op: K, ...arg: Parameters<A[K]>): Promise<Awaited<ReturnType<A[K]>>>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

/** Forks `<benchOut>/procs/<name>.mjs`; resolves once it is ready to answer. */
export async function startProc<A extends Api>(
  benchOut: string,
  name: string,
  { args = [], execArgv = [] }: { args?: string[]; execArgv?: string[] } = {},
): Promise<Proc<A>> {
  const child: ChildProcess = fork(path.join(benchOut, 'procs', `${name}.mjs`), args, {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const call of waiting.values()) call.reject(new Error(`${name} exited (${code ?? signal})`));
    waiting.clear();
  });
  child.on('message', (message: RpcReply) => {
    const call = waiting.get(message.id);
    if (call === undefined) return;
    waiting.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(new Error(`${name}: ${message.error}`));
  });

  function call(op: string, arg?: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!child.connected) {
        reject(new Error(`${name} is not running`));
        return;
      }
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, op, arg });
    });
  }

  const proc = {
    pid: child.pid ?? 0,
    call: call as Proc<A>['call'],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  try {
    await call('ready');
  } finally {
    clearTimeout(timer);
  }
  return proc;
}
