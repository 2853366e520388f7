import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { type CommandMessage, type HostMessage, WS_PATH } from '../../contract';
import { isWildcardHost } from '../../contract/hosts';
import type { Lab } from '../engine/lab';
import { openSession } from '../engine/session';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
import { listenError } from '../shared/listen-error';
import { readStaticFile } from '../shared/static-files';
import { allowedHosts, checkAccess, createToken, TOKEN_COOKIE } from './access';
import { createEventSender } from './event-sender';

export interface WebHostOptions {
  lab: Lab;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed only by tests; otherwise a fresh random token per start. */
  token?: string;
}

export interface WebHost {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1 << 20;

function isCommandMessage(value: unknown): value is CommandMessage {
  const message = value as Partial<CommandMessage> | null;
  return typeof message === 'object' && message?.type === 'command' && Number.isSafeInteger(message.id);
}

/** Serves the built renderer and the WebSocket bridge on loopback; every request must carry the token. */
export async function startWebHost({
  lab,
  rendererDir,
  host = '127.0.0.1',
  port = 0,
  token = createToken(),
}: WebHostOptions): Promise<WebHost> {
  const root = path.resolve(rendererDir);
  let hosts = new Set<string>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const access = checkAccess(request, url, hosts, token);
    if (!access.ok) {
      response.writeHead(access.status, { 'content-type': 'text/plain' }).end(`${access.reason}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response
        .writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' })
        .end('method not allowed\n');
      return;
    }
    // Node's response writes no body for HEAD: the headers mirror GET's.
    const file = await readStaticFile(root, url.pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (access.viaQuery)
      headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    headers['content-length'] = String(file.body.length);
    response.writeHead(200, headers).end(file.body);
  }

  const server = createServer((request, response) => {
    serveHttp(request, response).catch(() => response.destroy());
  });

  server.on('upgrade', (request, socket, head) => {
    // The HTTP server stops watching a socket once it asks to upgrade: a peer that resets it must not crash us.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const access = url.pathname === WS_PATH ? checkAccess(request, url, hosts, token) : null;
    if (!access?.ok) {
      const status = access ? `${access.status} ${access.reason}` : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // The batch's JSON is made once by the event log and shared by every window; a window that falls
      // behind gets the waiting batches merged into one frame (event-sender.ts).
      // A closing window is gone for the session at once: `ws` waits up to 30 s for the peer's close
      // frame, and meanwhile the history would keep asking a socket that can never be ready.
      const session = openSession(lab, {
        send: (batch, json) => sender.send(json ?? JSON.stringify(batch)),
        ready: () => sender.ready(),
        fellBehind: () => sender.fellBehind(),
      });
      const sender = createEventSender(ws, { onFellBehind: () => session.close() });
      const send = (message: HostMessage) => sender.sendOther(JSON.stringify(message));
      const refuse = (code: number, reason: string) => {
        session.close();
        ws.close(code, reason);
      };
      // An oversized or malformed frame is an 'error' (ws then closes with 1009 or 1002); unhandled, it would throw.
      ws.on('error', () => {});
      ws.on('message', (data) => {
        // Closing (fell behind, or broke the protocol): what it still sent is not worth work nobody will read.
        if (ws.readyState !== ws.OPEN) return;
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          refuse(1007, 'messages must be JSON');
          return;
        }
        if (!isCommandMessage(message)) {
          refuse(1008, 'messages must be commands');
          return;
        }
        session
          .dispatch(message.name, message.payload)
          .then((reply) => send({ type: 'reply', id: message.id, reply }));
      });
      ws.on('close', () => {
        session.close();
        sender.close();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      const failed = listenError(
        error,
        `the UI's port ${port} on ${host}`,
        host,
        'pick another with --ui-port',
      );
      reject(Object.assign(failed, { message: `${failed.message} (${failed.code})` }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, bound);
  // A wildcard is no address to browse to; this machine reaches it through loopback.
  const urlHost = isWildcardHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${bound}/?token=${token}`,
    port: bound,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
