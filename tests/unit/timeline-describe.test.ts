import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract';
import { describeHit } from '../../renderer/src/timeline/describe';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';

describe('what the timeline says about an event', () => {
  it('names the bytes a connection sent past what the lab keeps, and counts them in', () => {
    const bodies: LabEventBody[] = [
      {
        kind: 'conn:open',
        connId: 1,
        role: 'echo',
        remoteAddress: '127.0.0.1',
        remotePort: 40000,
        localPort: 5,
      },
      { kind: 'conn:data', connId: 1, data: 'aGk=', size: 2 },
      { kind: 'conn:reply', connId: 1, text: "server got: [b'hi']", size: 19 },
      { kind: 'conn:extra', connId: 1, data: 'eHg=', size: 2 },
      { kind: 'conn:extra', connId: 1, data: '', size: 1_073_676_288, ignored: true },
      { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 1_073_676_292, bytesOut: 19 },
    ];
    const data = new TimelineData();
    data.ingest(bodies.map((body, i) => ({ ...body, seq: i + 1, t: (i + 1) * 1_000 }) as never));
    const titles: string[] = [];
    for (let index = data.columns.first; index < data.columns.first + data.columns.size; index++) {
      const said = describeHit(data, { type: 'marker', index, laneId: 0 }, 10_000);
      if (said && data.columns.decode(index).kind === 'conn:extra') titles.push(said.title);
    }
    expect(titles).toEqual(['extra data (ignored)', '1,073,676,288 more bytes ignored (read, not kept)']);
    const lane = [...data.lanes.lanes.values()].find((candidate) => candidate.connId === 1);
    expect(lane?.bytesIn).toBe(2 + 2 + 1_073_676_288);
  });
});
