// The separate load generator of scenario 1: connect, send, read the reply, close; `concurrency` at once.
import net from 'node:net';
import { serveRpc } from './rpc-child';

export interface LoadRequest {
  port: number;
  concurrency: number;
  /** Round trips in all. */
  count: number;
  /** Messages are `<tag><n>`, so each reply can be checked against its own message. */
  tag: string;
}

export interface LoadResult {
  ok: number;
  wrong: number;
  errors: number;
  ms: number;
  /** The first wrong reply or error, to say what went wrong. */
  sample: string | null;
}

const ROUND_TRIP_TIMEOUT_MS = 10_000;

function roundTrip(port: number, message: string): Promise<string> {
  const expected = `server got: [b'${message}']`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(ROUND_TRIP_TIMEOUT_MS);
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(message, 'latin1'));
    socket.on('data', (text: string) => {
      reply += text;
      if (reply.length < expected.length) return;
      socket.destroy(); // like the classic client's close() right after recv
      resolve(reply === expected ? '' : reply);
    });
    socket.on('timeout', () => socket.destroy(new Error('timed out')));
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed after ${JSON.stringify(reply)}`)));
  });
}

async function run({ port, concurrency, count, tag }: LoadRequest): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, wrong: 0, errors: 0, ms: 0, sample: null };
  let issued = 0;
  async function worker(): Promise<void> {
    while (issued < count) {
      issued += 1;
      try {
        const wrong = await roundTrip(port, `${tag}${issued}`);
        if (wrong === '') result.ok += 1;
        else {
          result.wrong += 1;
          result.sample ??= `wrong reply: ${wrong}`;
        }
      } catch (error) {
        result.errors += 1;
        result.sample ??= `error: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.ms = performance.now() - start;
  return result;
}

/** Listening ports for the TIME_WAIT filler: one destination has only ~28,000 ephemeral ports to pair with. */
const TIME_WAIT_PORTS = 4;
const TIME_WAIT_CONCURRENCY = 256;

/** One connection closed by its client first, which leaves the client's end in TIME_WAIT for 60 s. */
function closeClientFirst(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end());
    socket.resume();
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

/** Leaves `count` sockets in TIME_WAIT on the machine, as a long load test does, through listeners of its own. */
async function makeTimeWait(count: number): Promise<{ made: number; ms: number }> {
  const servers = Array.from({ length: TIME_WAIT_PORTS }, () =>
    net.createServer((socket) => {
      socket.resume();
      socket.on('end', () => socket.end()); // the client's FIN came first: its side waits, not ours
      socket.on('error', () => {});
    }),
  );
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
        ),
    ),
  );
  const start = performance.now();
  let issued = 0;
  let made = 0;
  async function worker(): Promise<void> {
    while (issued < count) {
      const port = ports[issued % ports.length] as number;
      issued += 1;
      await closeClientFirst(port);
      made += 1;
    }
  }
  try {
    await Promise.all(Array.from({ length: TIME_WAIT_CONCURRENCY }, worker));
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
  return { made, ms: performance.now() - start };
}

export const loadGenApi = {
  ready: () => true,
  run: (request: LoadRequest) => run(request),
  timeWait: (count: number) => makeTimeWait(count),
};
export type LoadGenApi = typeof loadGenApi;

serveRpc(loadGenApi);
