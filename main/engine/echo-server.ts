import net, { type Server, type Socket } from 'node:net';
import { type CloseCause, type EchoStatus, MAX_EXTRA_KEPT_BYTES } from '../../contract';
import { isExposedHost, isHostName } from '../../contract/hosts';
import { type ListenError, listenError } from '../shared/listen-error';
import { echoReplyText } from './bytes-repr';
import type { EventLog } from './event-log';

export interface EchoServerOptions {
  log: EventLog;
  nextConnId: () => number;
  host?: string;
  port?: number;
  /** A connection with no bytes either way for this long is closed by the server. */
  idleTimeoutMs?: number;
  /** Live connections past this are refused at once, and counted. */
  maxConnections?: number;
  /**
   * Sees each connection's first chunk before its conn:data is recorded, so that the event tying it to one of
   * the lab's clients comes first and no view ever takes a lab client for an outsider.
   */
  identify?: (connId: number, chunk: Buffer) => void;
  /** Sees each connection as it is accepted, right after its conn:open: the composer claims its own here. */
  claim?: (
    connId: number,
    remoteAddress: string | undefined,
    remotePort: number | undefined,
    serverPort: number,
  ) => void;
}

export interface EchoServer {
  /** (Re)binds; moving to another host or port while running is allowed and keeps live connections. */
  start(where?: { host?: string; port?: number }): Promise<EchoStatus>;
  /** Stops listening and closes every live connection (cause 'server'). */
  stop(): Promise<EchoStatus>;
  status(): EchoStatus;
  /** Stops for good; start() fails afterwards. */
  close(): Promise<void>;
}

function normalizeError(err: unknown): { code: string; message: string } {
  if (!(err instanceof Error)) return { code: 'ERROR', message: String(err) };
  return { code: (err as NodeJS.ErrnoException).code ?? 'ERROR', message: err.message };
}

function failure(code: string, message: string): ListenError {
  return Object.assign(new Error(message), { code });
}

/** Caught before binding, so a bad address never costs the running server or a DNS round trip. */
function invalidAddress(host: string, port: number): ListenError | null {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return failure('EINVAL', `port must be a whole number from 0 to 65535, got ${port}`);
  }
  if (!isHostName(host) || (/^[\d.]+$/.test(host) && net.isIP(host) === 0)) {
    return failure(
      'EINVAL',
      `host ${JSON.stringify(host)} is not valid: use an IP address such as 127.0.0.1`,
    );
  }
  return null;
}

/** Resolves null once listening, or the reason it could not. */
function listenOn(server: Server, host: string, port: number): Promise<ListenError | null> {
  return new Promise((resolve) => {
    const onError = (err: Error) =>
      resolve(listenError(err, `port ${port} on ${host}`, host, 'pick another port'));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

/** recv(1024) in the classic server: the most it answers. */
const RECV_SIZE = 1024;

/** Per-connection state; one shape for all, so the handlers below stay monomorphic. */
class Conn {
  cause: CloseCause | null = null;
  replied = false;
  /** performance.now() at the first byte after the reply; 0 until one comes. */
  trickleSince = 0;
  /** Bytes after the reply put into the history, at most MAX_EXTRA_KEPT_BYTES, then those only counted. */
  extraKept = 0;
  extraIgnored = 0;
  constructor(readonly id: number) {}
}

export function createEchoServer({
  log,
  nextConnId,
  host = '127.0.0.1',
  port = 50_008,
  idleTimeoutMs = 30_000,
  maxConnections = 1_000,
  identify,
  claim,
}: EchoServerOptions): EchoServer {
  let wanted = { host, port };
  let server: Server | null = null;
  let bound = { host, port };
  let error: string | null = null;
  let closed = false;
  let refused = 0;
  const live = new Map<Socket, Conn>();
  let drained: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // Handlers are shared by every socket (`this` is the socket): no closures per connection.
  function onData(this: Socket, chunk: Buffer): void {
    const conn = live.get(this);
    if (conn === undefined) return;
    if (conn.replied) {
      extra(conn, chunk);
      trickled(this, conn);
      return;
    }
    conn.replied = true;
    const first = chunk.length > RECV_SIZE ? chunk.subarray(0, RECV_SIZE) : chunk;
    identify?.(conn.id, first);
    log.append({ kind: 'conn:data', connId: conn.id, data: first.toString('base64'), size: first.length });
    const text = echoReplyText(first);
    this.write(text, 'latin1'); // the reply is pure ASCII, so latin1 writes it without a Buffer copy
    log.append({ kind: 'conn:reply', connId: conn.id, text, size: text.length });
    if (first !== chunk) extra(conn, chunk.subarray(RECV_SIZE));
  }

  /**
   * The classic server never reads past its one recv(); here the bytes are read and dropped, so the sender
   * is never blocked, and only the first MAX_EXTRA_KEPT_BYTES of them are kept: a flood cannot grow the lab.
   */
  function extra(conn: Conn, chunk: Buffer): void {
    const room = MAX_EXTRA_KEPT_BYTES - conn.extraKept;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    conn.extraIgnored += chunk.length - kept.length;
    if (kept.length === 0) return;
    conn.extraKept += kept.length;
    log.append({ kind: 'conn:extra', connId: conn.id, data: kept.toString('base64'), size: kept.length });
  }

  /**
   * Bytes after the reply are never answered, yet each one resets the socket's idle timer. So a slowloris
   * trickling bytes faster than the idle timeout is closed once it has trickled for that long.
   */
  function trickled(socket: Socket, conn: Conn): void {
    const now = performance.now();
    if (conn.trickleSince === 0) conn.trickleSince = now;
    else if (now - conn.trickleSince >= idleTimeoutMs) {
      endWith(socket, conn, 'idle-timeout');
      socket.destroy();
    }
  }

  /** The first reason to end a connection is its cause; a client FIN already seen counts as first. */
  function endWith(socket: Socket, conn: Conn, cause: CloseCause): void {
    if (conn.cause === null && !socket.readableEnded) conn.cause = cause;
  }

  function onTimeout(this: Socket): void {
    const conn = live.get(this);
    if (conn === undefined) return;
    endWith(this, conn, 'idle-timeout');
    this.destroy();
  }

  function onError(this: Socket, err: Error): void {
    const conn = live.get(this);
    if (conn === undefined) return;
    const { code, message } = normalizeError(err);
    log.append({ kind: 'conn:error', connId: conn.id, code, message });
    endWith(this, conn, 'error');
  }

  function onClose(this: Socket, hadError: boolean): void {
    const conn = live.get(this);
    if (conn === undefined) return;
    live.delete(this);
    if (conn.extraIgnored > 0) {
      log.append({ kind: 'conn:extra', connId: conn.id, data: '', size: conn.extraIgnored, ignored: true });
    }
    const cause = conn.cause ?? (hadError ? 'error' : 'client');
    log.append({
      kind: 'conn:close',
      connId: conn.id,
      cause,
      bytesIn: this.bytesRead,
      bytesOut: this.bytesWritten,
    });
    if (live.size === 0 && drained !== null) drained();
  }

  function onConnection(socket: Socket, localPort: number): void {
    if (live.size >= maxConnections) {
      refused += 1;
      log.append({
        kind: 'conn:refused',
        remoteAddress: socket.remoteAddress ?? '', // read before destroy(), which forgets the peer
        remotePort: socket.remotePort ?? 0,
        total: refused,
        limit: maxConnections,
      });
      socket.destroy();
      return;
    }
    const conn = new Conn(nextConnId());
    live.set(socket, conn);
    log.append({
      kind: 'conn:open',
      connId: conn.id,
      role: 'echo',
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      localPort,
    });
    claim?.(conn.id, socket.remoteAddress, socket.remotePort, localPort);
    socket.setTimeout(idleTimeoutMs);
    socket.on('data', onData);
    socket.on('timeout', onTimeout);
    socket.on('error', onError);
    socket.on('close', onClose);
  }

  function onServerError(this: Server, err: Error): void {
    // Errors after listening (EMFILE on accept, ...): reported, and the server keeps serving.
    const { code, message } = normalizeError(err);
    log.append({ kind: 'server:error', host: bound.host, port: bound.port, code, message });
  }

  function unbind(): void {
    if (server === null) return;
    server.close(); // stops accepting now; its live connections are closed (or kept) by the caller
    server = null;
    log.append({ kind: 'server:stopped', host: bound.host, port: bound.port });
  }

  async function bind(nextHost: string, nextPort: number): Promise<EchoStatus> {
    if (closed) throw new Error('the echo server has been shut down');
    const invalid = invalidAddress(nextHost, nextPort);
    if (invalid !== null) return fail(invalid, nextHost, nextPort);
    const again = nextHost === wanted.host && nextPort === wanted.port;
    wanted = { host: nextHost, port: nextPort };
    if (server !== null && nextHost === bound.host && (nextPort === bound.port || again)) return status();
    // Same port on another host would collide with ourselves, so let go first. Otherwise keep serving until the
    // new address is ours: a failed move leaves the old one running.
    if (server !== null && nextPort === bound.port) unbind();
    const fresh = net.createServer();
    // Every accepted socket shares the listening port: knowing it saves a getsockname() per connection.
    let localPort = nextPort;
    fresh.on('connection', (socket: Socket) => onConnection(socket, localPort));
    const failed = await listenOn(fresh, nextHost, nextPort);
    if (failed !== null) return fail(failed, nextHost, nextPort);
    unbind();
    const address = fresh.address();
    localPort = typeof address === 'object' && address !== null ? address.port : nextPort;
    fresh.on('error', onServerError);
    server = fresh;
    bound = { host: nextHost, port: localPort };
    error = null;
    log.append({ kind: 'server:listening', host: bound.host, port: bound.port });
    return status();
  }

  function fail(failed: ListenError, host: string, port: number): never {
    error = failed.message;
    log.append({ kind: 'server:error', host, port, code: failed.code, message: error });
    throw failed;
  }

  async function stopAll(): Promise<EchoStatus> {
    unbind();
    if (live.size > 0) {
      const allClosed = new Promise<void>((resolve) => {
        drained = resolve;
      });
      for (const [socket, conn] of live) {
        endWith(socket, conn, 'server');
        socket.destroy();
      }
      await allClosed;
      drained = null;
    }
    return status();
  }

  function status(): EchoStatus {
    const where = server !== null ? bound : wanted;
    const status: EchoStatus = { listening: server !== null, host: where.host, port: where.port, error };
    // Only set when true, so a loopback status reads exactly as it always has.
    if (isExposedHost(where.host)) status.exposed = true;
    return status;
  }

  /** start, stop and close run one at a time, in call order. */
  function serial<T>(op: () => Promise<T>): Promise<T> {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    start: (where = {}) => serial(() => bind(where.host ?? wanted.host, where.port ?? wanted.port)),
    stop: () => serial(stopAll),
    status,
    close: () =>
      serial(async () => {
        closed = true;
        await stopAll();
      }),
  };
}
