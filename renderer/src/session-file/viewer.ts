import type { HostLink } from '../bridge';
import { nextAnimationFrame } from '../lib/animation-frame';
import { spawnAsSet } from '../lib/spawn-request';
import { createLabStore, type LabStore } from '../store/lab-store';
import { TimelineData } from '../timeline/timeline-data';
import { downloadBlob } from './download';
import { readOnlyBridge } from './read-only-bridge';
import { createSessionFiles, type SessionFiles } from './session-files';

export interface Viewer {
  store: LabStore;
  timeline: TimelineData;
  files: SessionFiles;
}

/**
 * The renderer's state, wired once: the store applies the batches of each frame and hands them to the timeline;
 * the bridge can be made read-only while an imported session is on screen.
 */
export function createViewer({ bridge, watchStatus }: HostLink): Viewer {
  const timeline = new TimelineData();
  const guard = readOnlyBridge(bridge);
  const store = createLabStore(guard.bridge, {
    watchStatus,
    sink: (events) => timeline.ingest(events),
    nextFrame: nextAnimationFrame,
  });
  const files = createSessionFiles({ store, timeline, guard, save: downloadBlob });
  // The desktop menu: the same actions as the buttons and the keys.
  bridge.onMenuAction((action) => {
    if (action === 'spawn') spawnAsSet(store.getState());
    else if (action === 'follow' || action === 'fit') store.getState().requestTimeline(action);
    else if (action === 'export') void files.exportSession();
  });
  // File ▸ Import: main opened the dialog, since Chromium opens a page's picker only on a user gesture.
  bridge.onSessionFile(
    ({ name, bytes }) => void files.importFile(new File([bytes as Uint8Array<ArrayBuffer>], name)),
  );
  return { store, timeline, files };
}
