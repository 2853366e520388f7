import { execFile } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LabEvent, type LabEventKind, type LabEventOf, MAX_EXTRA_KEPT_BYTES } from '../../contract';
import { echoReplyText } from '../../main/engine/bytes-repr';
import type { EchoServerOptions } from '../../main/engine/echo-server';
import { findPython } from '../../main/engine/python';
import { readHistory } from '../history';
import { pause, QUIET_MS, TIMEOUT, waitFor as waitUpTo } from '../timeouts';
import { connectClient, type EchoClient, type EchoRig, startEchoRig } from './echo-rig';

const HOST = '127.0.0.1';

type Lab = EchoRig;

type Client = EchoClient;

const labs: Lab[] = [];
const clients: Client[] = [];
const blockers: net.Server[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.destroy();
  for (const blocker of blockers.splice(0)) blocker.close();
  for (const lab of labs.splice(0)) {
    await lab.server.close();
    checkLog(lab);
    lab.log.close();
  }
});

async function startLab(options: Partial<EchoServerOptions> = {}): Promise<Lab> {
  const lab = await startEchoRig(options);
  labs.push(lab);
  return lab;
}

/** Gap-free sequence numbers, the same history for late subscribers, and exactly one close per open. */
function checkLog({ log, events }: Lab): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
  const subscription = log.subscribe(() => {});
  subscription.unsubscribe();
  expect(readHistory(subscription.history)).toEqual(events);
  const opens = ofKind(events, 'conn:open').map((event) => event.connId);
  const closes = ofKind(events, 'conn:close').map((event) => event.connId);
  expect(new Set(opens).size).toBe(opens.length);
  expect([...closes].sort((a, b) => a - b)).toEqual([...opens].sort((a, b) => a - b));
  for (const close of ofKind(events, 'conn:close')) {
    const later = events.filter((event) => event.seq > close.seq && 'connId' in event);
    expect(later.filter((event) => 'connId' in event && event.connId === close.connId)).toEqual([]);
  }
}

function ofKind<K extends LabEventKind>(events: LabEvent[], kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

/** Polls until `find` returns something: every wait here is for what a socket on loopback did. */
const waitFor = <T>(find: () => T | undefined, what: string) => waitUpTo(find, what, TIMEOUT.io);

async function connect(port: number): Promise<Client> {
  const client = await connectClient(port);
  clients.push(client);
  return client;
}

const received = (client: Client) => Buffer.concat(client.received);

async function readBytes(client: Client, size: number): Promise<Buffer> {
  return waitFor(() => (received(client).length >= size ? received(client) : undefined), `${size} bytes`);
}

/** Sends one chunk and waits for the whole reply the classic server would send to it. */
async function ask(client: Client, payload: Buffer): Promise<string> {
  client.socket.write(payload);
  const reply = await readBytes(client, echoReplyText(payload.subarray(0, 1024)).length);
  return reply.toString('latin1');
}

function connIdOf(lab: Lab, client: Client): Promise<number> {
  const { port } = client;
  const open = () => ofKind(lab.events, 'conn:open').find((event) => event.remotePort === port);
  return waitFor(() => open()?.connId, `conn:open from port ${port}`);
}

function eventsOf(lab: Lab, connId: number): LabEvent[] {
  return lab.events.filter((event) => 'connId' in event && event.connId === connId);
}

function closeOf(lab: Lab, connId: number): Promise<LabEventOf<'conn:close'>> {
  const find = () => ofKind(lab.events, 'conn:close').find((event) => event.connId === connId);
  return waitFor(find, `conn:close of connection ${connId}`);
}

async function closeClient(client: Client): Promise<void> {
  client.socket.end();
  await waitFor(() => (client.closed ? true : undefined), 'the client to close');
}

/** A port something else is listening on. */
async function busyPort(): Promise<number> {
  const blocker = net.createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, HOST, resolve));
  return (blocker.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, HOST, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('echo server replies', () => {
  it("answers client1 with server got: [b'client1'] and closes with cause 'client' after the client's FIN", async () => {
    const lab = await startLab();
    const client = await connect(lab.port);
    expect(await ask(client, Buffer.from('client1'))).toBe("server got: [b'client1']");
    const connId = await connIdOf(lab, client);
    await closeClient(client);
    const close = await closeOf(lab, connId);
    expect(eventsOf(lab, connId).map((event) => event.kind)).toEqual([
      'conn:open',
      'conn:data',
      'conn:reply',
      'conn:close',
    ]);
    const [open, data, reply] = eventsOf(lab, connId);
    expect(open).toMatchObject({ role: 'echo', remoteAddress: HOST, localPort: lab.port });
    expect(data).toMatchObject({ data: Buffer.from('client1').toString('base64'), size: 7 });
    expect(reply).toMatchObject({ text: "server got: [b'client1']", size: 24 });
    expect(close).toMatchObject({ cause: 'client', bytesIn: 7, bytesOut: 24 });
  });

  it.each([
    ["it's", `server got: [b"it's"]`],
    ['client:process=1234', "server got: [b'client:process=1234']"],
    ['\x00\xff\\\'"', `server got: [b'\\x00\\xff\\\\\\'"']`],
  ])('replies to %j with Python bytes repr', async (payload, expected) => {
    const lab = await startLab();
    const client = await connect(lab.port);
    expect(await ask(client, Buffer.from(payload, 'latin1'))).toBe(expected);
  });

  it('answers only the first 1024 bytes of a bigger first chunk and records the rest as extra', async () => {
    const lab = await startLab();
    const client = await connect(lab.port);
    const payload = Buffer.concat([Buffer.alloc(1024, 'a'), Buffer.alloc(476, 'b')]);
    expect(await ask(client, payload)).toBe(`server got: [b'${'a'.repeat(1024)}']`);
    const connId = await connIdOf(lab, client);
    await closeClient(client);
    const close = await closeOf(lab, connId);
    const [data] = ofKind(eventsOf(lab, connId), 'conn:data');
    expect(data?.size).toBe(1024);
    const extra = ofKind(eventsOf(lab, connId), 'conn:extra');
    expect(extra.map((event) => Buffer.from(event.data, 'base64').toString())).toEqual(['b'.repeat(476)]);
    expect(extra[0]?.size).toBe(476);
    expect(close).toMatchObject({ cause: 'client', bytesIn: 1500 });
    expect(received(client).length).toBe("server got: [b'']".length + 1024);
  });

  it('records later chunks as conn:extra and never answers them', async () => {
    const lab = await startLab();
    const client = await connect(lab.port);
    const reply = await ask(client, Buffer.from('first'));
    const connId = await connIdOf(lab, client);
    for (const word of ['second', 'third']) {
      client.socket.write(word);
      await waitFor(() => {
        const extra = ofKind(eventsOf(lab, connId), 'conn:extra');
        return (
          extra.some((event) => Buffer.from(event.data, 'base64').toString().endsWith(word)) || undefined
        );
      }, `conn:extra with ${word}`);
    }
    await pause(QUIET_MS, 'a reply to the extras, which must never come, would have come by now');
    expect(received(client).toString('latin1')).toBe(reply);
    const extra = ofKind(eventsOf(lab, connId), 'conn:extra');
    expect(extra.map((event) => Buffer.from(event.data, 'base64').toString()).join('')).toBe('secondthird');
    expect(ofKind(eventsOf(lab, connId), 'conn:reply')).toHaveLength(1);
  });

  it('keeps the first 64 KB after the reply, and counts the rest in one summary at close', async () => {
    const lab = await startLab();
    const client = await connect(lab.port);
    await ask(client, Buffer.from('first'));
    const connId = await connIdOf(lab, client);
    const flood = Buffer.alloc(3 * MAX_EXTRA_KEPT_BYTES + 123, 'z');
    client.socket.write(flood);
    await closeClient(client);
    const close = await closeOf(lab, connId);
    const extra = ofKind(eventsOf(lab, connId), 'conn:extra');
    const kept = extra.filter((event) => !event.ignored);
    expect(kept.reduce((sum, event) => sum + Buffer.from(event.data, 'base64').length, 0)).toBe(
      MAX_EXTRA_KEPT_BYTES,
    );
    expect(extra.filter((event) => event.ignored)).toEqual([
      expect.objectContaining({ data: '', size: flood.length - MAX_EXTRA_KEPT_BYTES, ignored: true }),
    ]);
    // The summary comes just before the close, and every byte is still counted in.
    expect(extra.at(-1)?.seq).toBe(close.seq - 1);
    expect(close).toMatchObject({ bytesIn: 5 + flood.length });
  });

  it('gives 50 clients sending random bytes each the reply to their own first 1024 bytes', async () => {
    const lab = await startLab();
    const payloads = Array.from({ length: 50 }, () => {
      const bytes = Buffer.alloc(1 + Math.floor(Math.random() * 2048));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
      return bytes;
    });
    const replies = await Promise.all(payloads.map(async (payload) => ask(await connect(lab.port), payload)));
    replies.forEach((reply, i) => {
      expect(reply).toBe(echoReplyText((payloads[i] as Buffer).subarray(0, 1024)));
    });
    expect(ofKind(lab.events, 'conn:reply')).toHaveLength(50);
  });

  it('prints the classic line from a real Python client', async (ctx) => {
    const found = await findPython();
    const python = found.available ? found.executable : null;
    ctx.skip(python === null, 'python3 is not installed');
    const lab = await startLab();
    const script = [
      'import os, socket, sys',
      's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      "s.connect(('127.0.0.1', int(sys.argv[1])))",
      "s.send(b'client:process=%d' % os.getpid())",
      "print('client got: [%s]' % s.recv(1024))",
      's.close()',
    ].join('\n');
    let pid = 0;
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        python as string,
        ['-c', script, String(lab.port)],
        { timeout: 10_000 },
        (err, out) => (err ? reject(err) : resolve(out)),
      );
      pid = child.pid ?? 0;
    });
    expect(stdout).toBe(`client got: [b"server got: [b'client:process=${pid}']"]\n`);
    const close = await waitFor(() => ofKind(lab.events, 'conn:close')[0], 'conn:close');
    expect(close.cause).toBe('client');
  });
});

describe('echo server connections', () => {
  it("closes a silent connection with cause 'idle-timeout', before and after the reply", async () => {
    const lab = await startLab({ idleTimeoutMs: 200 });
    const silent = await connect(lab.port);
    const talker = await connect(lab.port);
    await ask(talker, Buffer.from('hello'));
    for (const client of [silent, talker]) {
      const connId = await connIdOf(lab, client);
      const close = await closeOf(lab, connId);
      const open = ofKind(eventsOf(lab, connId), 'conn:open')[0] as LabEventOf<'conn:open'>;
      expect(close.cause).toBe('idle-timeout');
      expect(close.t - open.t).toBeGreaterThanOrEqual(150_000);
      await waitFor(() => (client.closed ? true : undefined), 'the client to see the close');
    }
  });

  it('reports a reset as conn:error, closes with cause error, and still answers the next client', async () => {
    const lab = await startLab();
    const first = await connect(lab.port);
    await ask(first, Buffer.from('x'));
    const connId = await connIdOf(lab, first);
    first.socket.resetAndDestroy();
    const close = await closeOf(lab, connId);
    expect(close.cause).toBe('error');
    const errors = ofKind(eventsOf(lab, connId), 'conn:error');
    expect(errors.map((event) => event.code)).toEqual(['ECONNRESET']);
    expect(errors[0]?.seq).toBeLessThan(close.seq);
    const next = await connect(lab.port);
    expect(await ask(next, Buffer.from('client2'))).toBe("server got: [b'client2']");
  });

  it('refuses connections past the cap, counting them, and accepts again once one closes', async () => {
    const lab = await startLab({ maxConnections: 3 });
    const kept = [await connect(lab.port), await connect(lab.port), await connect(lab.port)];
    await waitFor(() => (ofKind(lab.events, 'conn:open').length === 3 ? true : undefined), 'three opens');
    const extra = [await connect(lab.port), await connect(lab.port)];
    for (const client of extra) await waitFor(() => (client.closed ? true : undefined), 'a refused client');
    const refused = ofKind(lab.events, 'conn:refused');
    expect(refused.map(({ total, limit }) => ({ total, limit }))).toEqual([
      { total: 1, limit: 3 },
      { total: 2, limit: 3 },
    ]);
    expect(refused.map((event) => event.remotePort)).toEqual(extra.map((client) => client.port));
    expect(ofKind(lab.events, 'conn:open')).toHaveLength(3);
    await closeClient(kept[0] as Client);
    await closeOf(lab, await connIdOf(lab, kept[0] as Client));
    const later = await connect(lab.port);
    expect(await ask(later, Buffer.from('room again'))).toBe("server got: [b'room again']");
  });
});

describe('echo server lifecycle', () => {
  it('rejects a port in use with an error naming it, then starts on another port', async () => {
    const lab = await startLab();
    await lab.server.stop();
    const busy = await busyPort();
    const message = `port ${busy} on ${HOST} is already in use: stop the other program or pick another port`;
    await expect(lab.server.start({ port: busy })).rejects.toThrow(message);
    expect(lab.server.status()).toEqual({ listening: false, host: HOST, port: busy, error: message });
    expect(ofKind(lab.events, 'server:error').at(-1)).toMatchObject({
      port: busy,
      code: 'EADDRINUSE',
      message,
    });
    const status = await lab.server.start({ port: 0 });
    expect(status).toMatchObject({ listening: true, host: HOST, error: null });
    expect(status.port).toBeGreaterThan(0);
    expect(await ask(await connect(status.port), Buffer.from('ok'))).toBe("server got: [b'ok']");
  });

  it('keeps serving on the old port when a move to a busy port fails', async () => {
    const lab = await startLab();
    const busy = await busyPort();
    await expect(lab.server.start({ port: busy })).rejects.toThrow(`port ${busy} on ${HOST}`);
    expect(lab.server.status()).toMatchObject({ listening: true, port: lab.port });
    expect(lab.server.status().error).toContain('already in use');
    expect(await ask(await connect(lab.port), Buffer.from('still'))).toBe("server got: [b'still']");
  });

  it.each(['not a host!', '999.1.1.1', ''])(
    'rejects the invalid host %j with a clear error',
    async (host) => {
      const lab = await startLab();
      await expect(lab.server.start({ host, port: 0 })).rejects.toThrow(/host .* is not valid/);
      expect(lab.server.status()).toMatchObject({ listening: true, port: lab.port });
      await lab.server.stop();
      expect((await lab.server.start()).host).toBe(HOST);
    },
  );

  it('moves ports while running, keeping live connections, and stop() closes them with cause server', async () => {
    const lab = await startLab();
    const oldPort = lab.port;
    const before = await connect(oldPort);
    await ask(before, Buffer.from('before'));
    const target = await freePort();
    expect(await lab.server.start({ port: target })).toEqual({
      listening: true,
      host: HOST,
      port: target,
      error: null,
    });
    await expect(connect(oldPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await ask(await connect(target), Buffer.from('after'))).toBe("server got: [b'after']");
    expect(before.closed).toBe(false);
    const stopped = await lab.server.stop();
    expect(stopped).toEqual({ listening: false, host: HOST, port: target, error: null });
    const causes = ofKind(lab.events, 'conn:close').map((event) => event.cause);
    expect(causes.filter((cause) => cause === 'server')).toHaveLength(2);
    await expect(connect(target)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const servers = lab.events.filter((event) => event.kind.startsWith('server:'));
    expect(servers.map((event) => [event.kind, 'port' in event ? event.port : 0])).toEqual([
      ['server:listening', oldPort],
      ['server:stopped', oldPort],
      ['server:listening', target],
      ['server:stopped', target],
    ]);
    expect((await lab.server.start()).port).toBe(target);
    expect(await ask(await connect(target), Buffer.from('again'))).toBe("server got: [b'again']");
  });

  it('treats start() on the address it already serves as a no-op, and refuses to start after close()', async () => {
    const lab = await startLab();
    expect((await lab.server.start()).port).toBe(lab.port);
    expect((await lab.server.start({ port: lab.port })).port).toBe(lab.port);
    expect(ofKind(lab.events, 'server:listening')).toHaveLength(1);
    await lab.server.close();
    await expect(lab.server.start()).rejects.toThrow('shut down');
  });
});
