import { describe, expect, it } from 'vitest';
import { createViewer } from '../../renderer/src/session-file/viewer';
import { fakeLab } from '../unit/fake-lab';

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
});
