import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createEventSender, type EventSender, type EventSenderOptions } from '../../main/web/event-sender';
import { TIMEOUT, waitFor } from '../timeouts';

// A real WebSocket pair on loopback; the window "falls behind" by pausing its socket (ws's pause()).
interface Rig {
  server: WebSocketServer;
  client: WebSocket;
  sender: EventSender;
  frames: string[];
}

let rig: Rig | null = null;

async function startRig(options: EventSenderOptions): Promise<Rig> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const frames: string[] = [];
  client.on('message', (data) => frames.push(data.toString()));
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const sender = createEventSender(await accepted, options);
  rig = { server, client, sender, frames };
  return rig;
}

afterEach(async () => {
  rig?.sender.close();
  rig?.client.terminate();
  await new Promise<void>((resolve) => (rig ? rig.server.close(() => resolve()) : resolve()));
  rig = null;
});

const PAD = 'x'.repeat(500);
/** Batch `b` of `size` events with seq b*size+1 ..., as the event log's JSON. */
const batch = (b: number, size: number) =>
  JSON.stringify(
    Array.from({ length: size }, (_, i) => ({ kind: 'conn:extra', pad: PAD, seq: b * size + i + 1 })),
  );

function seqsOf(frames: string[]): number[] {
  return frames.flatMap((frame) => {
    const message = JSON.parse(frame) as { type: string; events?: { seq: number }[] };
    return message.type === 'events' ? (message.events ?? []).map((event) => event.seq) : [];
  });
}

/** Every wait here is for frames over a WebSocket on loopback. */
function until(check: () => boolean, what: string): Promise<boolean> {
  return waitFor(check, what, TIMEOUT.io);
}

describe('event sender', () => {
  it('sends one frame per batch while the window keeps up', async () => {
    const { sender, frames } = await startRig({});
    for (let b = 0; b < 5; b++) sender.send(batch(b, 10));
    await until(() => frames.length === 5, 'five frames');
    expect(seqsOf(frames)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(sender.stats).toEqual({ frames: 5, batches: 5, coalesced: 0 });
  });

  it('merges the batches that wait behind a slow window into one frame, losing none, and counts them', async () => {
    const { client, sender, frames } = await startRig({ highWaterBytes: 64 * 1024, retryMs: 5 });
    client.pause();
    const batches = 400; // ~20 MB: more than loopback buffers hold, so batches must wait
    for (let b = 0; b < batches; b++) sender.send(batch(b, 100));
    const reply = JSON.stringify({ type: 'reply', id: 1, reply: { ok: true, value: null } });
    sender.sendOther(reply);
    client.resume();
    await until(() => frames.includes(reply), 'the reply');
    expect(seqsOf(frames)).toEqual(Array.from({ length: batches * 100 }, (_, i) => i + 1));
    expect(frames.at(-1)).toBe(reply); // the waiting batches went out before it
    expect(sender.stats.batches).toBe(batches);
    expect(sender.stats.coalesced).toBeGreaterThan(0);
    expect(sender.stats.frames + sender.stats.coalesced).toBe(batches);
  });

  it('closes the socket of a window too far behind (1013) rather than thinning its events', async () => {
    const { client, sender } = await startRig({
      highWaterBytes: 64 * 1024,
      retryMs: 5,
      maxWaitingBytes: 1 << 20,
    });
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    client.pause();
    for (let b = 0; b < 400; b++) sender.send(batch(b, 100));
    client.resume();
    expect(await closed).toBe(1013);
  });

  it('holds replies to the same backlog: a window that stops reading but keeps asking is closed (1013)', async () => {
    let toldOfClosing = 0;
    const { client, sender } = await startRig({
      highWaterBytes: 64 * 1024,
      maxWaitingBytes: 1 << 20,
      onFellBehind: () => {
        toldOfClosing += 1;
      },
    });
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    client.pause();
    const reply = JSON.stringify({ type: 'reply', id: 1, reply: { ok: true, value: PAD.repeat(200) } });
    // ~100 KB a reply: 200 of them are 20 MB, far past the 1 MB this window may fall behind.
    for (let i = 0; i < 200; i++) sender.sendOther(reply);
    client.resume();
    const stillOpen = delay(TIMEOUT.io, `still open after ${TIMEOUT.io} ms`, { ref: false });
    expect(await Promise.race([closed, stillOpen])).toBe(1013);
    expect(toldOfClosing).toBe(1); // at the close, so the session stops feeding the window then
  });
});
