import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { outDir } from '../paths';
import { TIMEOUT } from '../timeouts';

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  echoPort: number;
  uiUrl: string;
  /** Everything it printed so far. */
  output: string[];
  stop(): Promise<number | null>;
}

/** Starts the real web host, as `npm run serve` does, and waits for its three lines. */
export async function startServe(
  args: string[] = ['--echo-port', '0', '--ui-port', '0'],
  /** Its environment, which the programs it starts inherit. */
  env: NodeJS.ProcessEnv = process.env,
  /** The built app it runs; the bench passes its own. */
  out: string = outDir,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(out, 'web/serve.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const fields = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // it never said where it listens: no test will stop it
      reject(new Error(`serve did not start within ${TIMEOUT.hostStart} ms:\n${output.join('')}`));
    }, TIMEOUT.hostStart);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      const match = /^(pid|echo|ui): (.*)$/.exec(line);
      if (match) fields.set(match[1]!, match[2]!);
      if (fields.size === 3) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return {
    child,
    pid: Number(fields.get('pid')),
    echoPort: Number(fields.get('echo')!.split(':').pop()),
    uiUrl: fields.get('ui')!,
    output,
    async stop() {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT.stop);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
