import type { HostLink } from '../bridge/link-status';
import type { AppActions } from '../lib/actions';
import { type NextFrame, nextAnimationFrame, nextLiveFrame } from '../lib/animation-frame';
import { downloadBlob } from '../lib/download';
import { readOnlyBridge } from '../session-files/read-only-bridge';
import { createSessionFiles, type SessionFiles } from '../session-files/session-files';
import { createLabStore, type LabStore } from '../store/lab-store';
import { createPacedView } from '../store/paced-view';
import type { LabStoreHandle } from '../store/use-lab';
import { TimelineController } from '../timeline/timeline-controller';
import { TimelineData } from '../timeline/timeline-data';
import { createActions } from './actions';
import { createIngest } from './event-ingest';
import { startLiveLink } from './live-link';

export interface LabApp {
  store: LabStore;
  /** The store with the paced view React renders from. */
  storeHandle: LabStoreHandle;
  timeline: TimelineController;
  files: SessionFiles;
  actions: AppActions;
}

export interface LabAppOptions {
  /** When batches of events are applied: the page's frames; tests drive their own (the timeline keeps the page's). */
  nextFrame?: NextFrame;
  /** Hands an exported file to the user: a download in the page. */
  save?: (blob: Blob, filename: string) => void;
}

/**
 * The renderer, wired once: one ingest feeds the store and the timeline, live or from a file; the bridge is
 * made read-only while an imported session is on screen; the menu and the keys call the same actions.
 */
export function createApp(link: HostLink, { nextFrame, save = downloadBlob }: LabAppOptions = {}): LabApp {
  const liveFrame = nextFrame ?? nextLiveFrame;
  const floodFrame = nextFrame ?? nextAnimationFrame;
  const data = new TimelineData();
  const guard = readOnlyBridge(link.bridge);
  const store = createLabStore(guard.bridge);
  const view = createPacedView(store);
  const ingest = createIngest(store, data, view);
  const files = createSessionFiles({
    store,
    retained: data,
    guard,
    ingest,
    followLab: () => startLiveLink({ link, store, ingest, liveFrame, floodFrame }),
    save,
  });
  const live = () => files.state.getState().mode === 'live' && store.getState().link === 'live';
  const timeline = new TimelineController(data, {
    live,
    racing: () => live() || files.state.getState().mode === 'replay',
    // While live, open connections keep growing with the lab's clock; an imported session ends at its last event.
    now() {
      const last = data.extent()?.end ?? 0;
      const offset = store.getState().clockOffsetMs;
      return live() && offset !== null ? Math.max(last, (Date.now() - offset) * 1_000) : last;
    },
  });
  files.state.subscribe((state, previous) => {
    if (state.mode !== previous.mode) timeline.showAll();
  });
  const actions = createActions({ store, timeline, files });
  link.bridge.onMenuAction((action) => actions[action]());
  // File ▸ Import: main opened the dialog, since Chromium opens a page's picker only on a user gesture.
  link.bridge.onSessionFile(({ name, bytes }) =>
    actions.importFile(new File([bytes as Uint8Array<ArrayBuffer>], name)),
  );
  return { store, storeHandle: { store, view }, timeline, files, actions };
}
