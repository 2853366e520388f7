import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, LabEventKind, LabEventOf } from '../../contract';
import { type Alarm, createAlarm } from '../../main/engine/alarm';
import { forkWithNode } from '../../main/engine/child-process';
import { createClock } from '../../main/engine/clock';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { createProcessRegistry, type ProcessRegistry } from '../../main/engine/process-registry';
import { createSignalHub, type SignalHub } from '../../main/engine/signal-hub';
import { childrenDir } from '../paths';
import { pause, TIMEOUT, waitFor as waitUpTo } from '../timeouts';

/** When a 1 s alarm is due, and a little past it: a SIGALRM for it comes by then or never. */
const ALARM_DUE_MS = 1_300;

let log: EventLog;
let registry: ProcessRegistry;
let hub: SignalHub;
let alarm: Alarm;
let events: LabEvent[];

function ofKind<K extends LabEventKind>(kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

/** Polls until `count` events of a kind are recorded: a real SIGALRM, due a second or two from now. */
function waitFor<K extends LabEventKind>(kind: K, count = 1): Promise<LabEventOf<K>[]> {
  return waitUpTo(
    () => (ofKind(kind).length >= count ? ofKind(kind) : undefined),
    () => `${count} ${kind}; got ${JSON.stringify(events)}`,
    ALARM_DUE_MS + TIMEOUT.io,
  );
}

beforeEach(() => {
  events = [];
  const clock = createClock();
  log = createEventLog({ clock });
  log.tap((event) => events.push(event));
  registry = createProcessRegistry();
  hub = createSignalHub({
    log,
    registry,
    forkNode: forkWithNode,
    childrenDir,
    onAlarm: () => alarm.delivered(),
  });
  alarm = createAlarm({
    log,
    clock,
    raise: () => {
      hub.expectAlarm();
      process.kill(process.pid, 'SIGALRM');
    },
  });
  hub.install();
});

afterEach(async () => {
  alarm.close();
  await registry.shutdown();
  await pause(50, 'a SIGALRM raised at the very end must meet the handler, not the default action');
  hub.uninstall();
  log.close();
});

describe.skipIf(process.platform === 'win32')('alarm', () => {
  it('delivers a real SIGALRM to the app after one second', async () => {
    expect(alarm.arm(1)).toEqual({ previousRemaining: 0 });
    const [received] = await waitFor('signal:received');
    const [armed] = ofKind('alarm:armed');
    const [fired] = ofKind('alarm:fired');
    expect(armed).toMatchObject({ seconds: 1, repeat: false, previousRemaining: 0 });
    expect(fired).toMatchObject({ repeat: false });
    expect(received).toMatchObject({ signal: 'SIGALRM', source: 'alarm', pid: process.pid });
    const elapsed = (received?.t ?? 0) - (armed?.t ?? 0);
    expect(elapsed).toBeGreaterThanOrEqual(990_000);
    // Never early; late by a few seconds at most on a starved machine, where a wrong unit is a factor of 1,000.
    expect(elapsed).toBeLessThan(5_000_000);
    expect(armed?.deadline).toBeLessThanOrEqual(fired?.t ?? 0);
    expect(ofKind('alarm:armed')).toHaveLength(1); // no repeat
  });

  it('reports the seconds the replaced alarm had left, rounded up', () => {
    alarm.arm(5);
    expect(alarm.arm(3)).toEqual({ previousRemaining: 5 });
    expect(ofKind('alarm:armed').map((event) => event.previousRemaining)).toEqual([0, 5]);
    expect(alarm.cancel()).toEqual({ remaining: 3 });
    expect(ofKind('alarm:cancelled')).toEqual([expect.objectContaining({ remaining: 3 })]);
  });

  it('cancels with arm(0) and nothing fires', async () => {
    alarm.arm(1);
    expect(alarm.arm(0)).toEqual({ previousRemaining: 1 });
    expect(ofKind('alarm:cancelled')).toEqual([expect.objectContaining({ remaining: 1 })]);
    await pause(ALARM_DUE_MS, 'past the due time of the alarm that was cancelled');
    expect(ofKind('alarm:fired')).toEqual([]);
    expect(ofKind('signal:received')).toEqual([]);
  });

  it('cancelling with nothing pending records nothing and answers 0', () => {
    expect(alarm.cancel()).toEqual({ remaining: 0 });
    expect(alarm.arm(0)).toEqual({ previousRemaining: 0 });
    expect(ofKind('alarm:cancelled')).toEqual([]);
  });

  it('re-arms after each delivery when repeating, until cancelled', async () => {
    alarm.arm(1, true);
    const received = await waitFor('signal:received', 2);
    expect(received.map((event) => event.source)).toEqual(['alarm', 'alarm']);
    expect(ofKind('alarm:fired')).toHaveLength(2);
    expect(alarm.cancel().remaining).toBe(1);
    await pause(ALARM_DUE_MS, 'past the due time of the re-armed alarm that was cancelled');
    expect(ofKind('alarm:fired')).toHaveLength(2);
    expect(ofKind('alarm:armed').map((event) => event.repeat)).toEqual([true, true, true]);
  });

  it('credits a SIGALRM from elsewhere to an external sender without re-arming', async () => {
    process.kill(process.pid, 'SIGALRM');
    const [received] = await waitFor('signal:received');
    expect(received?.source).toBe('external');
    expect(ofKind('alarm:armed')).toEqual([]);
  });

  it('refuses negative seconds', () => {
    expect(() => alarm.arm(-1)).toThrow('alarm seconds must be 0 or more');
  });
});
