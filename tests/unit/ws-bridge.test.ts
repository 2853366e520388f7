import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { LabEvent } from '../../contract/events';
import type { CommandMessage, HostMessage } from '../../contract/wire';
import type { LinkStatus } from '../../renderer/src/bridge/link-status';
import {
  type ConnectSocket,
  createWsBridge,
  LOST_CONNECTION,
  UNREADABLE_FRAME,
} from '../../renderer/src/bridge/ws-bridge';

// The `ws` client behind the same small socket interface the browser's WebSocket is given.
const connectWs: ConnectSocket = (url, on) => {
  const socket = new WebSocket(url);
  socket.on('open', () => on.open());
  socket.on('message', (data) => on.message(String(data)));
  socket.on('close', () => on.close());
  socket.on('error', () => {}); // close follows
  return { send: (data) => socket.send(data), close: () => socket.close() };
};

let server: WebSocketServer | null = null;
const links: { close(): void }[] = [];

afterEach(async () => {
  for (const link of links.splice(0)) link.close();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    for (const client of server.clients) client.terminate();
    server.close(() => resolve());
  });
  server = null;
});

/** A tiny host on a random port that answers like the web host, and lets the test push events. */
async function startHost(answer: (message: CommandMessage) => HostMessage | null) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server = wss;
  await new Promise((resolve) => wss.once('listening', resolve));
  const seen: CommandMessage[] = [];
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as CommandMessage;
      seen.push(message);
      const reply = answer(message);
      if (reply) socket.send(JSON.stringify(reply));
    });
  });
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/ws?token=t`, seen, wss };
}

function connect(url: string) {
  const socket: { current?: ReturnType<ConnectSocket> } = {};
  const link = createWsBridge(url, (target, on) => {
    socket.current = connectWs(target, on);
    return socket.current;
  });
  links.push({ close: () => socket.current?.close() });
  return link;
}

describe('WebSocket bridge', () => {
  it('queues commands until the socket opens, then resolves each by its id', async () => {
    const host = await startHost((message) => ({
      type: 'reply',
      id: message.id,
      reply: { ok: true, value: { runId: message.id * 10 } },
    }));
    const { bridge } = connect(host.url);
    const [first, second] = await Promise.all([
      bridge.invoke('clients:spawn', { count: 2, mode: 'process' }),
      bridge.invoke('clients:spawn', { count: 3, mode: 'thread' }),
    ]);
    expect([first.runId, second.runId]).toEqual([10, 20]);
    expect(host.seen.map((m) => [m.type, m.name, m.payload])).toEqual([
      ['command', 'clients:spawn', { count: 2, mode: 'process' }],
      ['command', 'clients:spawn', { count: 3, mode: 'thread' }],
    ]);
  });

  it("rejects with the lab's own error message", async () => {
    const host = await startHost((message) => ({
      type: 'reply',
      id: message.id,
      reply: { ok: false, error: 'alarm:arm: seconds must be a whole number from 0 to 86400, got -1' },
    }));
    const { bridge } = connect(host.url);
    await expect(bridge.invoke('alarm:arm', { seconds: -1 })).rejects.toThrow(
      'alarm:arm: seconds must be a whole number from 0 to 86400, got -1',
    );
  });

  it.each([
    ['not JSON', 'not json'],
    ['a reply without a valid outcome', JSON.stringify({ type: 'reply', id: 1, reply: { ok: 'maybe' } })],
    ['an event without its fields', JSON.stringify({ type: 'events', events: [{ kind: 'alarm:fired' }] })],
  ])('drops the link, saying why, on %s, rather than miss events unseen', async (_what, frame) => {
    const after = { kind: 'alarm:fired', repeat: false, seq: 2, t: 5 } satisfies LabEvent;
    const host = await startHost(() => {
      for (const client of host.wss.clients) {
        client.send(frame);
        client.send(JSON.stringify({ type: 'events', events: [after] })); // past a gap: not to be applied
      }
      return null;
    });
    const link = connect(host.url);
    const batches: LabEvent[][] = [];
    link.bridge.onEvents((batch) => batches.push(batch));
    const statuses: LinkStatus[] = [];
    link.watchStatus((status) => statuses.push(status));
    await expect(link.bridge.invoke('alarm:cancel', {})).rejects.toThrow(UNREADABLE_FRAME);
    expect(statuses).toEqual([{ state: 'lost', reason: UNREADABLE_FRAME }]);
    expect(batches).toEqual([]);
  });

  it('hands every event batch to every listener until it unsubscribes', async () => {
    const event = { kind: 'alarm:fired', repeat: false, seq: 1, t: 5 } satisfies LabEvent;
    const host = await startHost((message) => {
      for (const client of host.wss.clients) client.send(JSON.stringify({ type: 'events', events: [event] }));
      return { type: 'reply', id: message.id, reply: { ok: true, value: {} } };
    });
    const { bridge } = connect(host.url);
    const first: LabEvent[][] = [];
    const second: LabEvent[][] = [];
    bridge.onEvents((batch) => first.push(batch));
    const stop = bridge.onEvents((batch) => second.push(batch));
    await bridge.invoke('alarm:cancel', {});
    stop();
    await bridge.invoke('alarm:cancel', {});
    expect(first).toEqual([[event], [event]]);
    expect(second).toEqual([[event]]);
  });

  it('fails pending and later commands and reports the loss when the socket closes', async () => {
    const host = await startHost(() => {
      for (const client of host.wss.clients) client.terminate();
      return null;
    });
    const link = connect(host.url);
    const statuses: LinkStatus[] = [];
    link.watchStatus((status) => statuses.push(status));
    await expect(link.bridge.invoke('echo:stop', {})).rejects.toThrow(LOST_CONNECTION);
    await expect(link.bridge.invoke('echo:stop', {})).rejects.toThrow(LOST_CONNECTION);
    expect(statuses).toEqual([{ state: 'lost', reason: LOST_CONNECTION }]);
  });

  it('says it could not connect when the socket never opens', async () => {
    const host = await startHost(() => null);
    host.wss.close();
    const { bridge } = connect(host.url);
    await expect(bridge.invoke('lab:hello', {})).rejects.toThrow(/could not connect to the lab/);
  });
});
