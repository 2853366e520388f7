// Load, with nothing lost: a separate process opens 10,000 connections in a burst, and every one of them
// is in the event log exactly once, in order, with sequence numbers that have no gap but counted evictions.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent, LabEventKind, Snapshot } from '../../contract';
import { createLab, type Lab } from '../../main/engine/lab';
import { openSession } from '../../main/engine/session';
import { childrenDir, repoRoot } from '../paths';
import { TEST_TIMEOUT, TIMEOUT, waitFor } from '../timeouts';
import { ofKind } from './reliability-helpers';

const CONNECTIONS = 10_000;
// Under the default cap of 1,000 on the client's side; the server still holds connections the client is done
// with until their close arrives, so some may be refused at the cap. Those must be counted, not lost.
const IN_FLIGHT = 800;
const CAPACITY = 25_000; // less than the ~40,000 events of the burst, so the history must evict

interface LoadReport {
  total: number;
  replied: number;
  mismatched: unknown[];
  errors: Record<string, number>;
}

let lab: Lab | null = null;

afterEach(async () => {
  await lab?.shutdown();
  lab = null;
});

function runLoad(port: number): Promise<LoadReport> {
  const script = path.join(repoRoot, 'tests/fixtures/load-burst.mjs');
  const args = [script, '127.0.0.1', String(port), String(CONNECTIONS), String(IN_FLIGHT)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: TIMEOUT.bulk }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the load process failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as LoadReport);
    });
  });
}

/** Every connection has exactly one event of each kind, in the order open, data, reply, close. */
function expectEachOnce(events: readonly LabEvent[], accepted: number): void {
  const kinds: LabEventKind[] = ['conn:open', 'conn:data', 'conn:reply', 'conn:close'];
  const seqs = new Map<number, number[]>(); // connId -> seq of each kind, in `kinds` order
  for (const [index, kind] of kinds.entries()) {
    const ofThisKind = ofKind(events, kind) as (LabEvent & { connId: number })[];
    expect(ofThisKind, kind).toHaveLength(accepted);
    for (const event of ofThisKind) {
      const list = seqs.get(event.connId) ?? [];
      expect(list, `${kind} of #${event.connId}`).toHaveLength(index);
      list.push(event.seq);
      seqs.set(event.connId, list);
    }
  }
  expect(seqs.size).toBe(accepted);
  const outOfOrder = [...seqs].filter(([, list]) => list.some((seq, i) => i > 0 && seq <= list[i - 1]!));
  expect(outOfOrder).toEqual([]);
}

// Its limit is a bound, not a speed target: the burst shares two cores with every other suite.
describe('load, with nothing lost', { timeout: TEST_TIMEOUT.heavy }, () => {
  it('logs the open, data, reply and close of each of 10,000 connections from a load process exactly once', async () => {
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 }, historyCapacity: CAPACITY });
    const all: LabEvent[] = [];
    lab.log.tap((event) => all.push(event));
    await lab.start();
    // A renderer that said hello before the burst: it must get every later event, in batches, in order.
    const live: LabEvent[] = [];
    const early = openSession(lab, { send: (batch) => live.push(...batch), ready: () => true });
    const hello = await early.dispatch('lab:hello', {});
    expect(hello.ok).toBe(true);
    const helloSeq = lab.log.lastSeq;

    const report = await runLoad(lab.info().echo.port);
    expect(report.mismatched).toEqual([]);
    const failed = Object.values(report.errors).reduce((sum, count) => sum + count, 0);
    expect(report.replied + failed).toBe(CONNECTIONS);
    const accepted = report.replied;
    await waitFor(
      () => (ofKind(all, 'conn:close').length === accepted ? true : undefined),
      'every close',
      TIMEOUT.bulk,
    );
    lab.log.flush();

    // Each connection is either answered and logged in full, or refused at the cap and counted.
    const refused = ofKind(all, 'conn:refused');
    expect(refused).toHaveLength(failed);
    expect(refused.map((event) => event.total)).toEqual(refused.map((_, i) => i + 1));
    expectEachOnce(all, accepted);
    const sent = ofKind(all, 'conn:data').map((event) => Buffer.from(event.data, 'base64').toString());
    expect(new Set(sent).size).toBe(accepted);
    expect(sent.every((text) => /^load:\d+$/.test(text) && Number(text.slice(5)) < CONNECTIONS)).toBe(true);
    const replyOf = new Map(ofKind(all, 'conn:reply').map((event) => [event.connId, event.text]));
    for (const data of ofKind(all, 'conn:data')) {
      expect(replyOf.get(data.connId)).toBe(`server got: [b'${Buffer.from(data.data, 'base64')}']`);
    }
    expect(ofKind(all, 'conn:close').filter((event) => event.cause !== 'client')).toEqual([]);
    for (const kind of ['conn:error', 'conn:extra', 'server:error'] as const) {
      expect(ofKind(all, kind), kind).toEqual([]);
    }

    // The engine's own record, plus the eviction notices it stamps while flushing: seq 1..last, no gap.
    const notices = ofKind(live, 'log:evicted');
    const everySeq = [...all, ...notices].map((event) => event.seq).sort((x, y) => x - y);
    expect(everySeq).toEqual(everySeq.map((_, i) => i + 1));
    // The early renderer: its short history, then everything after its hello, in order, with no gap and no repeat.
    expect(live.map((event) => event.seq)).toEqual(live.map((_, i) => i + 1));
    expect(live.filter((event) => event.seq <= helloSeq)).toHaveLength(helloSeq);
    expect(live.at(-1)?.seq).toBe(lab.log.lastSeq);

    // A renderer that says hello after the burst: the newest CAPACITY events, the rest counted as evicted.
    const lateSent: LabEvent[] = [];
    const late = openSession(lab, { send: (batch) => lateSent.push(...batch), ready: () => true });
    const snapshot = (await late.dispatch('lab:hello', {})) as { ok: true; value: Snapshot };
    const { history, evicted } = snapshot.value;
    expect(history).toEqual({ events: CAPACITY, lastSeq: lab.log.lastSeq });
    // The history follows the reply, a slice of the event loop at a time.
    const events = await waitFor(
      () => (lateSent.length >= CAPACITY ? lateSent : undefined),
      'the late history',
      TIMEOUT.io,
    );
    expect(events).toHaveLength(CAPACITY);
    expect(evicted).toBeGreaterThan(0);
    expect(evicted + events.length).toBe(lab.log.lastSeq);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => evicted + i + 1));
    expect(notices.length).toBeGreaterThan(0);
    // Each notice reports the running total; a notice evicts one more event itself, reported by the next.
    const totals = notices.map((notice) => notice.total);
    expect(totals).toEqual([...totals].sort((x, y) => x - y));
    expect(evicted - totals.at(-1)!).toBeLessThanOrEqual(1);
    expect(notices.every((notice) => notice.capacity === CAPACITY && notice.count > 0)).toBe(true);
    early.close();
    late.close();
  });
});
