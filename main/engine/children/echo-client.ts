// One echo client: connect, send one message, print the reply as Python would, exit.
// thread-clients.ts runs this same file in worker threads, passing the thread number in workerData.
import net from 'node:net';
import { isMainThread, workerData } from 'node:worker_threads';
import { pythonBytesRepr } from '../bytes-repr';

// Python's client has no timeout; ours is bounded so a stuck server never leaves an orphan behind.
const REPLY_TIMEOUT_MS = 60_000;

function threadNumber(): number | null {
  if (isMainThread || typeof workerData !== 'object' || workerData === null) return null;
  const thread: unknown = (workerData as Record<string, unknown>).thread;
  return typeof thread === 'number' ? thread : null;
}

const thread = threadNumber();
const who = thread === null ? 'echo-client' : `thread ${thread}`;
const message = thread === null ? `client:process=${process.pid}` : `client:thread=${thread}`;
const [host = 'localhost', portText = '50008'] = process.argv.slice(2);
const port = Number(portText);
let failed = false;

function fail(text: string): void {
  if (failed) return;
  failed = true;
  process.stderr.write(`${who}: ${text}\n`);
  process.exitCode = 1;
}

if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  fail(`the port must be a number from 1 to 65535, got ${JSON.stringify(portText)}`);
} else {
  let answered = false;
  const socket = net.connect({ host, port });
  socket.setTimeout(REPLY_TIMEOUT_MS);
  socket.on('connect', () => socket.write(message));
  socket.once('data', (reply: Buffer) => {
    answered = true;
    process.stdout.write(`client got: [${pythonBytesRepr(reply)}]\n`);
    socket.destroy(); // like Python's s.close() right after recv(1024)
  });
  socket.on('timeout', () => {
    fail(`no reply from ${host}:${port} within ${REPLY_TIMEOUT_MS / 1000} s`);
    socket.destroy();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    fail(`cannot talk to ${host}:${port}: ${error.code ?? error.message}`);
  });
  socket.on('close', () => {
    if (!answered) fail('the server closed the connection without replying');
  });
}
