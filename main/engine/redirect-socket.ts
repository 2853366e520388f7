import net from 'node:net';
import type { CloseCause } from '../../contract';
import type { EventLog } from './event-log';

export interface RedirectConnection {
  connId: number;
  /** The connected client end: handed to the child as its stdout, then destroyed by the engine. */
  client: net.Socket;
  /** The accepted end, which the engine reads the child's output from. */
  server: net.Socket;
}

export interface RedirectListener {
  /** Opens a loopback connection and waits for its accept; the accepted end is a 'redirect' connection. */
  connect(): Promise<RedirectConnection>;
  /** Stops listening and destroys every connection still open. */
  close(): Promise<void>;
}

export interface RedirectListenerDeps {
  log: EventLog;
  nextConnId: () => number;
  acceptTimeoutMs?: number;
}

const HOST = '127.0.0.1';

/** The chapter-10 listener: one per engine, bound on first use, reused for every socket-mode script. */
export function createRedirectListener({
  log,
  nextConnId,
  acceptTimeoutMs = 5_000,
}: RedirectListenerDeps): RedirectListener {
  let listening: Promise<net.Server> | null = null;
  let closed = false;
  let connecting = 0;
  // Accept and connect complete in either order; they are paired by the client's local port.
  const unclaimed = new Map<number, net.Socket>();
  const claims = new Map<number, { resolve: (socket: net.Socket) => void; reject: (error: Error) => void }>();
  const open = new Set<net.Socket>();

  function onConnection(socket: net.Socket): void {
    const port = socket.remotePort;
    const claim = port === undefined ? undefined : claims.get(port);
    if (port !== undefined && claim) {
      claims.delete(port);
      claim.resolve(socket);
    } else if (port !== undefined && connecting > 0) {
      unclaimed.set(port, socket);
      setTimeout(() => {
        if (unclaimed.get(port) === socket) unclaimed.delete(port);
        if (!open.has(socket)) socket.destroy();
      }, acceptTimeoutMs).unref();
    } else {
      socket.destroy(); // nobody here asked for it
    }
  }

  function listen(): Promise<net.Server> {
    listening ??= new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer(onConnection);
      server.once('error', (error) => {
        listening = null;
        reject(error);
      });
      server.listen(0, HOST, () => resolve(server));
    });
    return listening;
  }

  function claim(port: number): Promise<net.Socket> {
    const ready = unclaimed.get(port);
    if (ready) {
      unclaimed.delete(port);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        claims.delete(port);
        reject(new Error('the redirect socket was never accepted'));
      }, acceptTimeoutMs);
      claims.set(port, {
        resolve: (socket) => {
          clearTimeout(timer);
          resolve(socket);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  function track(socket: net.Socket, localPort: number): number {
    const connId = nextConnId();
    let cause: CloseCause = 'server';
    open.add(socket);
    log.append({
      kind: 'conn:open',
      connId,
      role: 'redirect',
      remoteAddress: socket.remoteAddress ?? HOST,
      remotePort: socket.remotePort ?? 0,
      localPort,
    });
    socket.once('end', () => {
      cause = 'client';
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      cause = 'error';
      log.append({ kind: 'conn:error', connId, code: error.code ?? 'ERROR', message: error.message });
    });
    socket.once('close', () => {
      open.delete(socket);
      log.append({
        kind: 'conn:close',
        connId,
        cause,
        bytesIn: socket.bytesRead,
        bytesOut: socket.bytesWritten,
      });
    });
    return connId;
  }

  return {
    async connect() {
      if (closed) throw new Error('the redirect listener is closed');
      const server = await listen();
      const address = server.address() as net.AddressInfo;
      connecting += 1;
      const client = net.connect({ host: HOST, port: address.port });
      try {
        await new Promise<void>((resolve, reject) => {
          client.once('connect', resolve);
          client.once('error', reject);
        });
        const accepted = await claim(client.localPort ?? 0);
        if (closed) {
          accepted.destroy();
          throw new Error('the redirect listener is closed');
        }
        return { connId: track(accepted, address.port), client, server: accepted };
      } catch (error) {
        client.destroy();
        throw error;
      } finally {
        connecting -= 1;
      }
    },
    async close() {
      closed = true;
      for (const socket of [...unclaimed.values(), ...open]) socket.destroy();
      unclaimed.clear();
      for (const pending of claims.values()) pending.reject(new Error('the redirect listener is closed'));
      claims.clear();
      const server = await listening?.catch(() => null);
      listening = null;
      if (!server) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
