import { describe, expect, it } from 'vitest';
import { SUMMARY_LANES, summarise } from '../../renderer/src/timeline/summary';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { syntheticList } from './timeline-synthetic';

describe('timeline summary: what a screen reader reads of the canvas', () => {
  it('lists the newest connections first, as many as it shows', () => {
    const data = new TimelineData();
    data.ingest(syntheticList({ connections: 120, events: 2_000 }));
    const connected = [...data.lanes.lanes.values()].filter((lane) => lane.connId >= 0);
    const newest = connected
      .sort((a, b) => b.openT - a.openT || b.id - a.id)
      .slice(0, SUMMARY_LANES)
      .map((lane) => lane.id);
    const summary = summarise(data);
    expect(summary.connections).toBe(120);
    expect(summary.newestLanes.map((lane) => lane.id)).toEqual(newest);
  });
});
