// The baseline for scenario 5: a plain script that starts N clients against a plain server and waits for
// every reply line, with no lab, no events and no UI in between.
import { spawn } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ClientMode } from '../../contract';
import { echoReplyText } from '../../main/engine/bytes-repr';
import { findPython } from '../../main/engine/python';
import { serveRpc } from './rpc-child';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const children = path.join(path.resolve(values.out ?? 'out'), 'children');

const server = net.createServer((socket) => {
  socket.once('data', (chunk: Buffer) => socket.write(echoReplyText(chunk.subarray(0, 1024)), 'latin1'));
  socket.on('error', () => {});
});
const listening = new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
);

export interface SpawnRun {
  ms: number;
  replies: string[];
}

/** Milliseconds from the first spawn to the `count`-th `client got:` line. */
async function run({ mode, count }: { mode: ClientMode; count: number }): Promise<SpawnRun> {
  const port = String(await listening);
  const python = mode === 'python' ? await findPython() : null;
  if (python && !python.available) throw new Error(python.reason);
  const replies: string[] = [];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${replies.length} of ${count} replies`)), 30_000);
    const watch = (command: string, args: string[]) => {
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let buffered = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        buffered += text;
        for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
          replies.push(buffered.slice(0, end));
          buffered = buffered.slice(end + 1);
          if (replies.length === count) {
            clearTimeout(timer);
            resolve({ ms: performance.now() - start, replies });
          }
        }
      });
    };
    if (mode === 'thread')
      watch(process.execPath, [path.join(children, 'thread-clients.cjs'), '127.0.0.1', port, String(count)]);
    else {
      for (let i = 0; i < count; i++) {
        if (python?.available)
          watch(python.executable, [path.join(children, 'echo_client.py'), '127.0.0.1', port]);
        else watch(process.execPath, [path.join(children, 'echo-client.cjs'), '127.0.0.1', port]);
      }
    }
  });
}

export const bareSpawnApi = {
  ready: () => listening.then(() => true),
  run: (request: { mode: ClientMode; count: number }) => run(request),
  python: async () => (await findPython()).available,
};
export type BareSpawnApi = typeof bareSpawnApi;

serveRpc(bareSpawnApi);
