import net, { type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, LabEvent } from '../../contract';
import { createLab, type Lab } from '../../main/engine/lab';
import { startWebHost } from '../../main/web/web-host';
import { childrenDir } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';
import { labSocket, ofKind, sessionBridge } from './reliability-helpers';
import { withStubRenderer } from './stub-renderer';

const rendererDir = withStubRenderer();

const text = (base64: string | null) => Buffer.from(base64 ?? '', 'base64').toString('latin1');

// A server that never reads never sees the client's FIN: its sockets are ended after each test.
const serverSockets = new Set<Socket>();

/** A server of the test's own on a free loopback port; `onSocket` decides what it does with each client. */
async function serverOf(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = net.createServer((socket) => {
    serverSockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** A port nothing listens on: bound, read, let go. */
async function closedPort(): Promise<number> {
  const { server, port } = await serverOf(() => {});
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the composer, a client the user drives', () => {
  let lab: Lab;
  let bridge: Bridge;
  const events: LabEvent[] = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    lab.log.tap((event) => events.push(event));
    await lab.start();
    bridge = sessionBridge(lab).bridge;
  });
  afterEach(async () => {
    for (const socket of serverSockets) socket.destroy();
    serverSockets.clear();
    for (const server of servers.splice(0)) {
      await new Promise((resolve) => server.close(resolve));
    }
  });
  afterAll(() => lab.shutdown());

  const of = (composerId: number) => events.filter((e) => 'composerId' in e && e.composerId === composerId);
  const closedEvent = (composerId: number) =>
    waitFor(
      () => ofKind(events, 'composer:closed').find((e) => e.composerId === composerId),
      `composer ${composerId} closed`,
      TIMEOUT.io,
    );

  it("sends hex once to the lab's server and gets the classic reply, as the lab's own client", async () => {
    const { composerId, reply } = await bridge.invoke('composer:send', { message: 'ff00', format: 'hex' });
    expect(text(reply)).toBe("server got: [b'\\xff\\x00']");
    const closed = await closedEvent(composerId);
    expect(closed).toMatchObject({ by: 'composer', bytesOut: 2 });

    const open = ofKind(events, 'composer:open').find((e) => e.composerId === composerId);
    const tie = ofKind(events, 'conn:composer').find((e) => e.composerId === composerId);
    const accepted = ofKind(events, 'conn:open').find((e) => e.connId === tie?.connId);
    expect(accepted?.remotePort).toBe(open?.localPort);
    // Tied as it was accepted: before its bytes, so no view ever takes it for an outsider.
    const data = ofKind(events, 'conn:data').find((e) => e.connId === tie?.connId);
    expect(tie && data && tie.seq < data.seq).toBe(true);
    expect(of(composerId).map((e) => e.kind)).toEqual([
      'composer:open',
      'conn:composer',
      'composer:sent',
      'composer:received',
      'composer:closed',
    ]);
    const echoClosed = await waitFor(
      () => ofKind(events, 'conn:close').find((e) => e.connId === tie?.connId),
      'the echo side closed',
      TIMEOUT.io,
    );
    expect(echoClosed.cause).toBe('client');
  });

  it('sends text with escapes as Python would read them', async () => {
    const quote = await bridge.invoke('composer:send', { message: "it's" });
    expect(text(quote.reply)).toBe(`server got: [b"it's"]`);
    const tab = await bridge.invoke('composer:send', { message: 'a\\tb\\n' });
    expect(text(tab.reply)).toBe("server got: [b'a\\tb\\n']");
  });

  it('keeps a connection open: the server answers the first message and ignores the rest', async () => {
    const { composerId, localPort } = await bridge.invoke('composer:open', {});
    expect(localPort).toBeGreaterThan(0);
    const tie = await waitFor(
      () => ofKind(events, 'conn:composer').find((e) => e.composerId === composerId),
      'the echo connection tied to the composer',
      TIMEOUT.io,
    );
    const onConn = (kind: 'conn:data' | 'conn:extra') =>
      ofKind(events, kind).filter((e) => e.connId === tie.connId);
    for (const [i, message] of ['one', 'two', 'three'].entries()) {
      const sent = await bridge.invoke('composer:send', { message, connection: composerId });
      expect(sent).toEqual({ composerId, reply: null });
      // Each message its own recv() on the server, as a person at a keyboard would send them.
      await waitFor(
        () => (onConn('conn:data').length + onConn('conn:extra').length > i ? true : undefined),
        message,
        TIMEOUT.io,
      );
    }
    expect(onConn('conn:data').map((e) => text(e.data))).toEqual(['one']);
    expect(onConn('conn:extra').map((e) => text(e.data))).toEqual(['two', 'three']);
    const received = await waitFor(
      () => ofKind(events, 'composer:received').find((e) => e.composerId === composerId),
      'the reply',
      TIMEOUT.io,
    );
    expect(text(received.data)).toBe("server got: [b'one']");

    expect(await bridge.invoke('composer:close', { connection: composerId })).toEqual({ composerId });
    expect((await closedEvent(composerId)).by).toBe('composer');
    await expect(bridge.invoke('composer:send', { message: 'late', connection: composerId })).rejects.toThrow(
      `connection ${composerId} is not open: open a kept connection first`,
    );
  });

  it('shows who closed first when the server does', async () => {
    const { server, port } = await serverOf((socket) => socket.once('data', () => socket.end('bye')));
    servers.push(server);
    const { composerId } = await bridge.invoke('composer:open', { target: `127.0.0.1:${port}` });
    await bridge.invoke('composer:send', { message: 'hi', connection: composerId });
    const closed = await closedEvent(composerId);
    expect(closed).toMatchObject({ by: 'server', bytesIn: 3, bytesOut: 2 });
    // Not the lab's server: no echo connection, and nothing tied.
    expect(ofKind(events, 'conn:composer').some((e) => e.composerId === composerId)).toBe(false);
  });

  it('says "connection refused" for a closed port, and records nothing', async () => {
    const port = await closedPort();
    const before = events.length;
    await expect(
      bridge.invoke('composer:send', { message: 'x', target: `127.0.0.1:${port}` }),
    ).rejects.toThrow(`connection refused: nothing listens on 127.0.0.1:${port}`);
    expect(events.slice(before)).toEqual([]);
  });

  it('gives up on a silent server after the timeout, and closes', async () => {
    const { server, port } = await serverOf(() => {});
    servers.push(server);
    const sending = bridge.invoke('composer:send', {
      message: 'x',
      target: `127.0.0.1:${port}`,
      timeoutMs: 300,
    });
    await expect(sending).rejects.toThrow(`no reply from 127.0.0.1:${port} within 0.3 s`);
    const error = ofKind(events, 'composer:error').at(-1);
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    expect((await closedEvent(error?.composerId ?? -1)).by).toBe('composer');
  });

  it('says the connection was reset when the server resets it', async () => {
    const { server, port } = await serverOf((socket) => socket.once('data', () => socket.resetAndDestroy()));
    servers.push(server);
    await expect(
      bridge.invoke('composer:send', { message: 'x', target: `127.0.0.1:${port}` }),
    ).rejects.toThrow(`connection reset by 127.0.0.1:${port}`);
    const error = ofKind(events, 'composer:error').at(-1);
    expect(error?.code).toBe('ECONNRESET');
    expect((await closedEvent(error?.composerId ?? -1)).by).toBe('error');
  });

  it('takes an empty reply as an answer when the server closes without one', async () => {
    const { server, port } = await serverOf((socket) => socket.once('data', () => socket.end()));
    servers.push(server);
    const { composerId, reply } = await bridge.invoke('composer:send', {
      message: 'x',
      target: `localhost:${port}`,
    });
    expect(reply).toBe('');
    expect((await closedEvent(composerId)).by).toBe('server');
  });

  it("refuses to guess a target while the lab's server is stopped", async () => {
    await bridge.invoke('echo:stop', {});
    try {
      await expect(bridge.invoke('composer:send', { message: 'x' })).rejects.toThrow(
        "the lab's echo server is not listening: start it, or give a host:port",
      );
    } finally {
      await bridge.invoke('echo:start', {});
    }
  });

  it('closes its kept connections when the lab shuts down, recording each close', async () => {
    const own = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    const seen: LabEvent[] = [];
    own.log.tap((event) => seen.push(event));
    await own.start();
    const { bridge: ownBridge } = sessionBridge(own);
    const { composerId } = await ownBridge.invoke('composer:open', {});
    await own.shutdown();
    expect(ofKind(seen, 'composer:closed')).toEqual([
      expect.objectContaining({ composerId, by: 'composer' }),
    ]);
  });
});

describe("the composer over the web host's WebSocket, as scripts use it", () => {
  it('sends once and answers with the reply, and words a bad escape with its place', async () => {
    const lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    await lab.start();
    const web = await startWebHost({ lab, rendererDir: rendererDir() });
    const socket = await labSocket(web.url);
    try {
      const sent = await socket.command('composer:send', { message: 'client1' });
      expect(sent.ok).toBe(true);
      const { reply } = (sent as { value: { reply: string } }).value;
      expect(text(reply)).toBe("server got: [b'client1']");
      expect(await socket.command('composer:send', { message: 'bad \\z' })).toEqual({
        ok: false,
        error: 'composer:send: message: \\z is not an escape (use \\n \\t \\xNN or \\\\) at character 5',
      });
    } finally {
      socket.close();
      await web.close();
      await lab.shutdown();
    }
  });
});
