import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createEventLog } from '../../main/engine/event-log';
import { createOutputBudget, createOutputForwarder } from '../../main/engine/output-cap';

describe('the output budget that live scripts share', () => {
  it('stops a stream where the shared budget runs out, reports that bound, and takes the share back at its end', () => {
    const log = createEventLog({ clock: createClock() });
    const events: LabEvent[] = [];
    log.tap((event) => events.push(event));
    const budget = createOutputBudget(10);
    const forwarder = (scriptId: number) =>
      createOutputForwarder({ log, scriptId, stream: 'stdout', limit: 8, budget });
    const first = forwarder(1);
    const second = forwarder(2);
    first.push(Buffer.from('aaaaaa')); // 6 of 10
    second.push(Buffer.from('bbbbbb')); // 4 left: the rest is dropped
    expect([first.forwarded, second.forwarded, second.dropped]).toEqual([6, 4, 2]);
    first.end();
    second.end();
    const dropped = events.filter((event) => event.kind === 'script:dropped');
    expect(dropped).toEqual([expect.objectContaining({ scriptId: 2, bytes: 2, limit: 4 })]);
    const third = forwarder(3);
    third.push(Buffer.from('cccccccccc')); // both ended: the whole budget is back, and its own limit holds
    expect([third.forwarded, third.dropped]).toEqual([8, 2]);
    third.end();
    log.close();
  });
});
