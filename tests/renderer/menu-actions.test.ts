import { describe, expect, it } from 'vitest';
import { createViewer } from '../../renderer/src/session-file/viewer';
import { writeSession } from '../../renderer/src/session-file/write-session';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { fakeLab, info } from '../unit/fake-lab';
import { syntheticList } from '../unit/timeline-synthetic';

describe('the desktop menu', () => {
  it('spawns what the form is set to, and drives the timeline like the keys', async () => {
    const lab = fakeLab(undefined, (name) => {
      if (name !== 'clients:spawn') throw new Error(`unexpected ${name}`);
      return { runId: 1 } as never;
    });
    const viewer = createViewer({ bridge: lab.bridge, watchStatus: () => () => {} });
    const stop = viewer.store.getState().start();
    await lab.hello();

    lab.menu('spawn');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lab.calls.filter((call) => call.name === 'clients:spawn')).toEqual([
      { name: 'clients:spawn', payload: { count: 5, mode: 'process' } },
    ]);

    lab.menu('fit');
    expect(viewer.store.getState().timelineCommand?.action).toBe('fit');
    lab.menu('follow');
    expect(viewer.store.getState().timelineCommand?.action).toBe('follow');
    stop();
  });

  it('imports the file that main opened for File ▸ Import, as if it were dropped on the window', async () => {
    const lab = fakeLab();
    const viewer = createViewer({ bridge: lab.bridge, watchStatus: () => () => {} });
    const stop = viewer.store.getState().start();
    await lab.hello();
    const recorded = new TimelineData();
    recorded.ingest(syntheticList({ connections: 4, events: 40 }));
    const blob = await writeSession(recorded, { ...info, pid: 555 });
    lab.openFile({ name: 'run.ipcscope.ndjson', bytes: new Uint8Array(await blob.arrayBuffer()) });
    await expect
      .poll(() => viewer.files.state.getState())
      .toMatchObject({ mode: 'imported', fileName: 'run.ipcscope.ndjson', error: null });
    expect(viewer.store.getState().info?.pid).toBe(555);
    expect(viewer.timeline.lanes.connectionCount).toBe(4);
    stop();
  });
});
