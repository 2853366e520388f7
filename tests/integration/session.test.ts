import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, Reply, Snapshot } from '../../contract';
import { DEFAULT_MAX_BATCH } from '../../main/engine/event-log';
import { createLab, type Lab } from '../../main/engine/lab';
import { openSession, type SessionOutput } from '../../main/engine/session';
import { childrenDir } from '../paths';
import { pause, QUIET_MS, TIMEOUT, waitFor } from '../timeouts';

const fired = { kind: 'alarm:fired', repeat: false } as const;

/** A window as the session sees it: what it was sent, and whether it is ready for more. */
function fakeWindow() {
  const batches: LabEvent[][] = [];
  const window = { ready: true, batches, events: () => batches.flat() };
  const output: SessionOutput = {
    send: (batch) => void batches.push(batch),
    ready: () => window.ready,
  };
  return { window, output };
}

async function hello(session: ReturnType<typeof openSession>): Promise<Snapshot> {
  const reply = (await session.dispatch('lab:hello', {})) as Reply<Snapshot>;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const seqs = (events: LabEvent[]) => events.map((event) => event.seq);
const run = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('a session sends the history after the hello reply, a piece at a time', () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 }, historyCapacity: 50_000 });
    await lab.start();
  });
  afterEach(() => lab.shutdown());

  it('replies with the size of the history, then sends it in capped batches, then what came meanwhile', async () => {
    for (let i = 0; i < 20_000; i++) lab.log.append(fired);
    const { window, output } = fakeWindow();
    const session = openSession(lab, output);
    const snapshot = await hello(session);
    const { lastSeq } = lab.log;
    expect(snapshot.history).toEqual({ events: lastSeq, lastSeq });
    expect(window.batches).toEqual([]); // nothing before the reply has gone out
    for (let i = 0; i < 100; i++) lab.log.append(fired); // live, while the history is still to be sent
    lab.log.flush();
    await waitFor(
      () => (window.events().length >= lastSeq + 100 ? true : undefined),
      'history and live',
      TIMEOUT.io,
    );
    expect(seqs(window.events())).toEqual(run(1, lastSeq + 100));
    expect(Math.max(...window.batches.map((batch) => batch.length))).toBeLessThanOrEqual(DEFAULT_MAX_BATCH);
    expect(window.batches.length).toBeGreaterThan(1);
    session.close();
  });

  it('waits while the window is not ready, and goes on when it is', async () => {
    for (let i = 0; i < 5_000; i++) lab.log.append(fired);
    const { window, output } = fakeWindow();
    window.ready = false;
    const session = openSession(lab, output);
    const snapshot = await hello(session);
    await pause(QUIET_MS, 'nothing is sent to a window that is not ready');
    expect(window.batches).toEqual([]);
    window.ready = true;
    await waitFor(
      () => (window.events().length >= snapshot.history.events ? true : undefined),
      'the history once the window is ready',
      TIMEOUT.io,
    );
    expect(seqs(window.events())).toEqual(run(1, snapshot.history.events));
    session.close();
  });

  it('gives up on a window that stalls while live events pile up behind its history', async () => {
    for (let i = 0; i < 5_000; i++) lab.log.append(fired);
    const { window, output } = fakeWindow();
    window.ready = false;
    let fellBehind = 0;
    const session = openSession(lab, { ...output, fellBehind: () => fellBehind++ }, { maxHeldChars: 10_000 });
    await hello(session);
    for (let i = 0; i < 100; i++) lab.log.append(fired);
    lab.log.flush();
    expect(fellBehind).toBe(0); // under the bound: the live events wait for the history
    for (let i = 0; i < 1_000; i++) lab.log.append(fired);
    lab.log.flush();
    expect(fellBehind).toBe(1);
    window.ready = true;
    for (let i = 0; i < 1_000; i++) lab.log.append(fired);
    lab.log.flush();
    await pause(QUIET_MS, 'nothing is sent once the session has given up');
    expect(window.batches).toEqual([]); // given up: nothing more is sent, and nothing is held
    expect(fellBehind).toBe(1);
    session.close();
  });

  it('stops sending when closed, and a second hello starts the history over', async () => {
    for (let i = 0; i < 5_000; i++) lab.log.append(fired);
    const { window, output } = fakeWindow();
    window.ready = false;
    const session = openSession(lab, output);
    await hello(session);
    session.close();
    window.ready = true;
    lab.log.append(fired);
    lab.log.flush();
    await pause(QUIET_MS, 'nothing is sent after close');
    expect(window.batches).toEqual([]);

    const again = openSession(lab, output);
    window.ready = false;
    await hello(again);
    const second = await hello(again); // the first stream stops; only the second one is sent
    window.ready = true;
    await waitFor(
      () => (window.events().length >= second.history.events ? true : undefined),
      'the history',
      TIMEOUT.io,
    );
    await pause(QUIET_MS, 'no second copy of the history, from the first hello, follows');
    expect(seqs(window.events())).toEqual(run(1, second.history.events));
    again.close();
  });
});
