import { describe, expect, it } from 'vitest';
import type { LabEvent, LabEventBody } from '../../contract/events';
import { brushOf, densityOf, timeAtX } from '../../renderer/src/timeline/overview';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { connOpen } from './event-bodies';

function session(...timed: [number, LabEventBody][]): TimelineData {
  const data = new TimelineData();
  data.ingest(timed.map(([t, body], i) => ({ ...body, seq: i + 1, t }) as LabEvent));
  return data;
}

describe('the overview strip: the whole session at a glance', () => {
  it('counts connections, signals and alarms into columns across the session', () => {
    const data = session(
      [0, { kind: 'server:listening', host: '127.0.0.1', port: 5000 }],
      [100, connOpen(1)],
      [150, connOpen(2)],
      [900, connOpen(3)],
      [500, { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 1 }],
      [999, { kind: 'alarm:cancelled', remaining: 3 }],
      [1_000, { kind: 'server:stopped', host: '127.0.0.1', port: 5000 }],
    );
    const density = densityOf(data, 10);
    expect(density && [...density.connections]).toEqual([0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(density && [...density.signals]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(density && [...density.alarms]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(densityOf(new TimelineData(), 10)).toBeNull();
  });

  it('places the brush over the window, clipped to the strip, and reads times back', () => {
    const whole = { start: 1_000, end: 2_000 };
    expect(brushOf(whole, 100, { start: 1_250, end: 1_500 })).toEqual({ x0: 25, x1: 50 });
    expect(brushOf(whole, 100, { start: 0, end: 5_000 })).toEqual({ x0: 0, x1: 100 });
    // A window narrower than a pixel still shows as a brush two pixels wide.
    expect(brushOf(whole, 100, { start: 1_500, end: 1_501 })).toEqual({ x0: 50, x1: 52 });
    expect(timeAtX(whole, 100, 25)).toBe(1_250);
  });
});
