import { describe, expect, it } from 'vitest';
import { writeSession } from '../../renderer/src/session-files/write-session';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { appOn, fakeLab, info } from '../unit/fake-lab';
import { syntheticList } from '../unit/timeline-synthetic';

describe('the desktop menu', () => {
  it('spawns what the form is set to, and drives the timeline like the keys', async () => {
    const lab = fakeLab(undefined, (name) => {
      if (name !== 'clients:spawn') throw new Error(`unexpected ${name}`);
      return { runId: 1 } as never;
    });
    const app = appOn(lab);
    const stop = app.files.startLive();
    await lab.hello();

    lab.menu('spawn');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lab.calls.filter((call) => call.name === 'clients:spawn')).toEqual([
      { name: 'clients:spawn', payload: { count: 5, mode: 'process' } },
    ]);

    // The user zoomed in and so stopped following: the menu fits everything, then follows again.
    const { view } = app.timeline;
    view.zoomAt(0, 0.5);
    app.timeline.changed(true);
    expect(view).toMatchObject({ fitMode: false, following: false });
    lab.menu('fit');
    expect(view.fitMode).toBe(true);
    expect(app.timeline.ui.getState().following).toBe(false);
    lab.menu('follow');
    expect(app.timeline.ui.getState().following).toBe(true);
    stop();
  });

  it('imports the file that main opened for File ▸ Import, as if it were dropped on the window', async () => {
    const lab = fakeLab();
    const app = appOn(lab);
    const stop = app.files.startLive();
    await lab.hello();
    const recorded = new TimelineData();
    recorded.ingest(syntheticList({ connections: 4, events: 40 }));
    const blob = await writeSession(recorded, { ...info, pid: 555 });
    lab.openFile({ name: 'run.ipcscope.ndjson', bytes: new Uint8Array(await blob.arrayBuffer()) });
    await expect
      .poll(() => app.files.state.getState())
      .toMatchObject({ mode: 'imported', fileName: 'run.ipcscope.ndjson', error: null });
    expect(app.store.getState().info?.pid).toBe(555);
    expect(app.timeline.data.lanes.connectionCount).toBe(4);
    stop();
  });
});
