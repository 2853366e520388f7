import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostMessage } from '../../contract';
import { createLab, type Lab } from '../../main/engine/lab';
import { startWebHost, type WebHost } from '../../main/web/web-host';
import { childrenDir } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';
import { withStubRenderer } from './stub-renderer';

interface HttpAnswer {
  status: number;
  body: string;
  cookie: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

function get(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          cookie: res.headers['set-cookie']?.[0],
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('web host', () => {
  let lab: Lab;
  let web: WebHost;
  const rendererDir = withStubRenderer();

  beforeAll(async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    await lab.start();
    web = await startWebHost({ lab, rendererDir: rendererDir() });
  });

  afterAll(async () => {
    await web.close();
    await lab.shutdown();
  });

  const wsUrl = () => `ws://127.0.0.1:${web.port}/ws?token=${web.token}`;

  it('serves the page with the token and sets a cookie for the assets it loads', async () => {
    const answer = await get(web.port, `/?token=${web.token}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('IPC Scope');
    expect(answer.cookie).toMatch(/^ipcscope_token=.+; HttpOnly; SameSite=Strict/);
    const withCookie = await get(web.port, '/index.html', { cookie: answer.cookie!.split(';')[0]! });
    expect(withCookie.status).toBe(200);
  });

  it('answers HEAD with the headers GET would send and no body, and refuses other methods (405)', async () => {
    const page = `/index.html?token=${web.token}`;
    const [got, head] = await Promise.all([get(web.port, page), get(web.port, page, {}, 'HEAD')]);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const header of ['content-type', 'content-length', 'content-security-policy']) {
      expect(head.headers[header]).toBe(got.headers[header]);
    }
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(got.body));
    const post = await get(web.port, page, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await get(web.port, '/')).status).toBe(401);
    expect((await get(web.port, '/?token=wrong')).status).toBe(401);
  });

  it('refuses a Host header that is not the bound address (DNS rebinding)', async () => {
    const answer = await get(web.port, `/?token=${web.token}`, { host: `evil.example:${web.port}` });
    expect(answer.status).toBe(421);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    expect((await get(web.port, `/../../etc/passwd?token=${web.token}`)).status).toBe(404);
    expect((await get(web.port, `/%2e%2e/%2e%2e/etc/passwd?token=${web.token}`)).status).toBe(404);
    // Encoded slashes survive the URL parser, so only the renderer folder's own guard stops this one.
    expect((await get(web.port, `/..%2f..%2f..%2f..%2fetc%2fpasswd?token=${web.token}`)).status).toBe(404);
  });

  it('refuses WebSocket upgrades from another origin or without the token', async () => {
    expect(await upgradeStatus(wsUrl(), { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${web.port}/ws`)).toBe(401);
    expect(await upgradeStatus(wsUrl(), { origin: `http://127.0.0.1:${web.port}` })).toBe(101);
  });

  it('answers commands, refuses bad ones with a clear error, and streams events after hello', async () => {
    const ws = new WebSocket(wsUrl());
    const messages: HostMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as HostMessage));
    await new Promise((resolve) => ws.once('open', resolve));
    const replyTo = (id: number) =>
      waitFor(
        () => {
          const reply = messages.find((m) => m.type === 'reply' && m.id === id);
          return reply?.type === 'reply' ? reply.reply : undefined;
        },
        `the reply to ${id}`,
        TIMEOUT.io,
      );
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'lab:hello', payload: {} }));
    ws.send(
      JSON.stringify({
        type: 'command',
        id: 2,
        name: 'clients:spawn',
        payload: { count: 10_000, mode: 'process' },
      }),
    );
    ws.send(JSON.stringify({ type: 'command', id: 3, name: 'rm:rf', payload: {} }));
    ws.send(
      JSON.stringify({
        type: 'command',
        id: 4,
        name: 'signal:send',
        payload: { signal: 'SIGUSR2', target: 'app' },
      }),
    );
    const hello = await replyTo(1);
    expect(hello.ok && (hello.value as { info: { pid: number } }).info.pid).toBe(process.pid);
    expect(await replyTo(2)).toEqual({
      ok: false,
      error: expect.stringContaining('count must be a whole number from 1 to 200'),
    });
    expect(await replyTo(3)).toEqual({ ok: false, error: 'unknown command "rm:rf"' });
    expect((await replyTo(4)).ok).toBe(true);
    // The handler's event may come in a later batch than the send's: a quiet log flushes at once.
    const received = () =>
      messages
        .flatMap((m) => (m.type === 'events' ? m.events : []))
        .some((e) => e.kind === 'signal:received' && e.signal === 'SIGUSR2');
    await waitFor(received, 'the SIGUSR2 the handler received', TIMEOUT.io);
    ws.close();
  });
});
