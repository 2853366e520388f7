import net, { type Socket } from 'node:net';
import {
  type CommandPayload,
  type CommandResult,
  type ComposerCloser,
  type ComposeTarget,
  DEFAULT_COMPOSE_TIMEOUT_MS,
  MAX_KEPT_CONNECTIONS,
  MAX_RECEIVED_KEPT_BYTES,
  parseMessage,
  parseTarget,
  targetText,
} from '../../contract';
import type { EventLog } from './event-log';

export interface ComposerOptions {
  log: EventLog;
  /** Where the lab's echo server can be reached, or null while it is not listening. */
  labTarget: () => ComposeTarget | null;
  nextComposerId: () => number;
}

export interface Composer {
  send(request: CommandPayload<'composer:send'>): Promise<CommandResult<'composer:send'>>;
  open(request: CommandPayload<'composer:open'>): Promise<CommandResult<'composer:open'>>;
  close(request: CommandPayload<'composer:close'>): Promise<CommandResult<'composer:close'>>;
  /**
   * The echo server calls this as it accepts, right after conn:open: a connection from one of the composer's
   * own sockets is tied to it (conn:composer) before any of its bytes are recorded.
   */
  claim(
    connId: number,
    remoteAddress: string | undefined,
    remotePort: number | undefined,
    serverPort: number,
  ): void;
  /** Closes every connection and waits until each has recorded its close. */
  shutdown(): Promise<void>;
}

interface ReplyWait {
  resolve(chunk: Buffer): void;
  reject(error: Error): void;
}

/** One connection the composer made. */
class Link {
  opened = false;
  claimed = false;
  closedBy: ComposerCloser | null = null;
  receivedKept = 0;
  replyWait: ReplyWait | null = null;
  readonly closed: Promise<void>;
  constructor(
    readonly id: number,
    readonly socket: Socket,
    readonly where: string,
    readonly target: ComposeTarget,
    readonly keep: boolean,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }
}

/** Why a kept connection can take no more sends, by who ended it. */
const CLOSING: Record<ComposerCloser, (where: string) => string> = {
  composer: () => 'you closed it',
  server: (where) => `${where} closed it`,
  error: () => 'it ended in an error',
};

const seconds = (ms: number) => `${ms / 1_000} s`;
const bare = (address: string | undefined) => (address ?? '').replace(/^::ffff:/, '');

/** The user's words for what a failed connect or recv means. */
function failureText(err: NodeJS.ErrnoException, where: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing listens on ${where}`;
    case 'ECONNRESET':
      return `connection reset by ${where}`;
    case 'EPIPE':
      return `${where} closed the connection before the bytes could be sent`;
    default:
      return `${where}: ${err.message}`;
  }
}

/**
 * The composer: a client the user drives by hand. It connects to the lab's echo server or to any server on
 * this machine, sends composed bytes once (connect, send, recv, close, as the classic client does) or over a
 * connection it keeps, and records both sides of what happened as events.
 */
export function createComposer({ log, labTarget, nextComposerId }: ComposerOptions): Composer {
  const links = new Map<number, Link>();
  // Sockets to their link's id, so the handlers below are shared by every socket.
  const linkIds = new WeakMap<Socket, number>();

  function targetOf(text: string | undefined): ComposeTarget {
    const parsed = parseTarget(text ?? '');
    if (!parsed.ok) throw new Error(parsed.error);
    if (parsed.target) return parsed.target;
    const lab = labTarget();
    if (!lab) throw new Error("the lab's echo server is not listening: start it, or give a host:port");
    return lab;
  }

  /** composer:open, once: from the connect callback, or earlier from the echo server accepting it. */
  function opened(link: Link): void {
    if (link.opened) return;
    link.opened = true;
    const { host, port } = link.target;
    const localPort = link.socket.localPort ?? 0;
    log.append({ kind: 'composer:open', composerId: link.id, host, port, localPort, keep: link.keep });
  }

  function received(this: Socket, chunk: Buffer): void {
    const link = links.get(linkIds.get(this) ?? -1);
    if (!link) return;
    const room = MAX_RECEIVED_KEPT_BYTES - link.receivedKept;
    if (room > 0) {
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      link.receivedKept += kept.length;
      log.append({
        kind: 'composer:received',
        composerId: link.id,
        data: kept.toString('base64'),
        size: kept.length,
      });
    }
    link.replyWait?.resolve(chunk);
  }

  function ended(this: Socket): void {
    const link = links.get(linkIds.get(this) ?? -1);
    if (link) link.closedBy ??= 'server';
  }

  function failed(this: Socket, err: NodeJS.ErrnoException): void {
    const link = links.get(linkIds.get(this) ?? -1);
    if (!link) return;
    const message = failureText(err, link.where);
    log.append({ kind: 'composer:error', composerId: link.id, code: err.code ?? 'ERROR', message });
    link.closedBy ??= 'error';
    link.replyWait?.reject(new Error(message));
  }

  function closed(this: Socket): void {
    const id = linkIds.get(this) ?? -1;
    const link = links.get(id);
    if (!link) return;
    links.delete(id);
    if (!link.opened) return;
    link.replyWait?.reject(new Error(`${link.where} closed the connection without a reply`));
    log.append({
      kind: 'composer:closed',
      composerId: link.id,
      by: link.closedBy ?? 'error',
      bytesIn: this.bytesRead,
      bytesOut: this.bytesWritten,
    });
  }

  function connect(target: ComposeTarget, keep: boolean, timeoutMs: number): Promise<Link> {
    const where = targetText(target);
    const socket = net.connect({ host: target.host, port: target.port });
    const link = new Link(nextComposerId(), socket, where, target, keep);
    links.set(link.id, link);
    linkIds.set(socket, link.id);
    socket.on('close', closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer from ${where} within ${seconds(timeoutMs)}`));
      }, timeoutMs);
      const refused = (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(failureText(err, where)));
      };
      socket.once('error', refused);
      // Destroyed while connecting (the lab shutting down): no connect and no error come, only the close.
      const gone = () => {
        clearTimeout(timer);
        reject(new Error(`${where}: the connection was closed before it was made`));
      };
      socket.once('close', gone);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', refused);
        socket.off('close', gone);
        opened(link);
        socket.on('data', received);
        socket.on('end', ended);
        socket.on('error', failed);
        resolve(link);
      });
    });
  }

  function write(link: Link, bytes: Uint8Array): void {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    link.socket.write(data);
    log.append({
      kind: 'composer:sent',
      composerId: link.id,
      data: data.toString('base64'),
      size: data.length,
    });
  }

  /** The first chunk back, or '' when the server closes without one; rejects on an error or the timeout. */
  function firstReply(link: Link, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        link.replyWait = null;
        const message = `no reply from ${link.where} within ${seconds(timeoutMs)}`;
        log.append({ kind: 'composer:error', composerId: link.id, code: 'ETIMEDOUT', message });
        reject(new Error(message));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        link.replyWait = null;
      };
      link.replyWait = {
        resolve: (chunk) => {
          settle();
          resolve(chunk);
        },
        reject: (error) => {
          settle();
          // A close with nothing received is an answer: the server said nothing.
          if (link.closedBy === 'server') resolve(Buffer.alloc(0));
          else reject(error);
        },
      };
      if (link.closedBy === 'server') link.replyWait.reject(new Error('closed'));
    });
  }

  /** close() as the classic client does it: after what was written has gone. */
  function hangUp(link: Link): Promise<void> {
    link.closedBy ??= 'composer';
    link.socket.end(() => link.socket.destroy());
    return link.closed;
  }

  function keptLink(id: number): Link {
    const link = links.get(id);
    if (!link?.keep) throw new Error(`connection ${id} is not open: open a kept connection first`);
    if (link.closedBy !== null)
      throw new Error(`connection ${id} is closing: ${CLOSING[link.closedBy](link.where)}`);
    return link;
  }

  function bytesOf(request: CommandPayload<'composer:send'>): Uint8Array {
    const parsed = parseMessage(request.message, request.format ?? 'text');
    if (!parsed.ok) throw new Error(`message: ${parsed.error}`);
    return parsed.bytes;
  }

  return {
    async send(request) {
      const bytes = bytesOf(request);
      const timeoutMs = request.timeoutMs ?? DEFAULT_COMPOSE_TIMEOUT_MS;
      if (request.connection !== undefined) {
        if (request.target !== undefined) throw new Error('give a connection or a target, not both');
        const link = keptLink(request.connection);
        write(link, bytes);
        return { composerId: link.id, reply: null };
      }
      const link = await connect(targetOf(request.target), false, timeoutMs);
      write(link, bytes);
      try {
        const reply = await firstReply(link, timeoutMs);
        return { composerId: link.id, reply: reply.toString('base64') };
      } finally {
        await hangUp(link);
      }
    },
    async open(request) {
      const kept = [...links.values()].filter((link) => link.keep && link.closedBy === null).length;
      if (kept >= MAX_KEPT_CONNECTIONS) {
        throw new Error(`${kept} kept connections are open already: close one first`);
      }
      const link = await connect(
        targetOf(request.target),
        true,
        request.timeoutMs ?? DEFAULT_COMPOSE_TIMEOUT_MS,
      );
      return { composerId: link.id, localPort: link.socket.localPort ?? 0 };
    },
    async close({ connection }) {
      const link = links.get(connection);
      if (!link?.keep) throw new Error(`connection ${connection} is not open`);
      await hangUp(link);
      return { composerId: link.id };
    },
    claim(connId, remoteAddress, remotePort, serverPort) {
      if (links.size === 0) return; // the common case: one lookup per accepted connection
      for (const link of links.values()) {
        // Aimed at this server, from the accepted peer's port: a link to another server may share its port.
        if (link.claimed || link.target.port !== serverPort || link.socket.localPort !== remotePort) continue;
        if (bare(link.socket.localAddress) !== bare(remoteAddress)) continue;
        link.claimed = true;
        opened(link);
        log.append({ kind: 'conn:composer', connId, composerId: link.id });
        return;
      }
    },
    async shutdown() {
      const open = [...links.values()];
      for (const link of open) {
        link.closedBy ??= 'composer';
        link.socket.destroy();
      }
      await Promise.all(open.map((link) => link.closed));
    },
  };
}
