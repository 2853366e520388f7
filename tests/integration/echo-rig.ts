import net, { type Socket } from 'node:net';
import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEchoServer, type EchoServer, type EchoServerOptions } from '../../main/engine/echo-server';
import { createEventLog, type EventLog } from '../../main/engine/event-log';

export interface EchoRig {
  log: EventLog;
  server: EchoServer;
  /** Every event, as the log's synchronous tap saw it. */
  events: LabEvent[];
  port: number;
}

/** The echo server alone with a real event log, listening on a free loopback port. */
export async function startEchoRig(options: Partial<EchoServerOptions> = {}): Promise<EchoRig> {
  const log = createEventLog({ clock: createClock() });
  const events: LabEvent[] = [];
  log.tap((event) => events.push(event));
  const server = createEchoServer({
    log,
    nextConnId: createCounter(),
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  return { log, server, events, port: (await server.start()).port };
}

export interface EchoClient {
  socket: Socket;
  /** The client's own port, kept because a closed socket forgets it. */
  port: number;
  received: Buffer[];
  closed: boolean;
  /** The socket's error code (ECONNRESET, …), if it had one; 'close' still follows. */
  error: string | null;
}

/** A raw TCP client on loopback that keeps every byte it receives. */
export async function connectClient(
  port: number,
  options: { allowHalfOpen?: boolean } = {},
): Promise<EchoClient> {
  const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: options.allowHalfOpen });
  const client: EchoClient = { socket, port: 0, received: [], closed: false, error: null };
  socket.on('data', (chunk: Buffer) => client.received.push(chunk));
  socket.on('error', (error: NodeJS.ErrnoException) => {
    client.error = error.code ?? error.message;
  });
  socket.on('close', () => {
    client.closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  client.port = socket.localPort ?? 0;
  return client;
}
