import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabEvent } from '../../../contract/events';
import { stampedName } from '../lib/file-names';
import { useStoredMessages } from '../lib/stored-messages';
import type { LabStore } from '../store/lab-store';
import { initialUi } from '../store/ui-slice';
import type { ReadOnlyBridge } from './read-only-bridge';
import { readSession } from './read-session';
import { createReplayer, type Replayer, type ReplayPosition, type ReplaySlowdown } from './replayer';
import { SESSION_EXTENSION, type SessionHeader } from './session-format';
import { type RetainedEvents, writeSession } from './write-session';

export interface SessionFilesState {
  /** Live events, an imported file, or a replay of what was on screen: only live may send commands. */
  mode: 'live' | 'imported' | 'replay';
  /** The file on screen while imported. */
  fileName: string | null;
  header: SessionHeader | null;
  /** An import or export in progress, with how far it got (0..1). */
  busy: { what: 'import' | 'export'; progress: number } | null;
  /** Why the last import or export failed. */
  error: string | null;
  /** Where a replay is, while one is on screen. */
  replay: ReplayPosition | null;
}

export interface ReplayRequest {
  /** The run to start at (what came before it is shown at once); the whole session when absent. */
  runId?: number;
  slowdown: ReplaySlowdown;
  /** Starts paused, one event shown: for stepping through from the first. */
  paused?: boolean;
}

export interface SessionFiles {
  state: StoreApi<SessionFilesState>;
  /** Follows the lab's events until an import replaces them; returns the function that stops following. */
  startLive(): () => void;
  backToLive(): void;
  importFile(file: File): Promise<void>;
  exportSession(): Promise<void>;
  /** Plays the events on screen again, slowed down; read-only until back to live. */
  replay(request: ReplayRequest): void;
  /** The replay under way, to play, pause, step or change speed; null when none is. */
  replayer(): Replayer | null;
}

// Not event history: the user's own settings (spawn form, open help) and the state of the link itself.
const KEPT = new Set<string>([...Object.keys(initialUi), 'link', 'linkMessage']);

/** Empties every slice that is built from events, through the store's own initial state. */
function clearEventState(store: LabStore): void {
  const cleared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store.getInitialState())) {
    if (typeof value !== 'function' && !KEPT.has(key)) cleared[key] = value;
  }
  store.setState(cleared);
}

export interface SessionFilesDeps {
  store: LabStore;
  /** The events on screen: what an export writes, emptied when another session replaces them. */
  retained: RetainedEvents & { reset(): void };
  guard: ReadOnlyBridge;
  /** Where an imported file's events go: the same path as live batches. */
  ingest: (events: readonly LabEvent[]) => void;
  /** Says hello to the lab and follows its events; returns the function that stops. */
  followLab(): () => void;
  /** Hands a finished file to the user: a download in the page. */
  save(blob: Blob, filename: string): void;
}

/**
 * Live or imported: which events the views show. An imported file goes through the same ingest as live
 * events (so every view is restored) while the bridge refuses commands; going back says hello again.
 */
export function createSessionFiles({
  store,
  retained,
  guard,
  ingest,
  followLab,
  save,
}: SessionFilesDeps): SessionFiles {
  const state = createStore<SessionFilesState>()(() => ({
    mode: 'live',
    fileName: null,
    header: null,
    busy: null,
    error: null,
    replay: null,
  }));
  let stopLive: (() => void) | null = null;
  let player: Replayer | null = null;

  const stopFollowing = () => {
    stopLive?.();
    stopLive = null;
  };

  const startLive = () => {
    stopFollowing();
    guard.setReadOnly(false);
    stopLive = followLab();
    return stopFollowing;
  };

  const stopReplay = () => {
    player?.stop();
    player = null;
  };

  const backToLive = () => {
    stopReplay();
    stopFollowing();
    retained.reset();
    clearEventState(store);
    state.setState({ mode: 'live', fileName: null, header: null, replay: null });
    startLive();
  };

  return {
    state,
    startLive,
    backToLive,
    async importFile(file) {
      if (state.getState().busy) return;
      state.setState({ busy: { what: 'import', progress: 0 }, error: null });
      let started = false;
      try {
        await readSession(file, {
          header(header) {
            started = true;
            stopReplay();
            stopFollowing();
            guard.setReadOnly(true);
            retained.reset();
            clearEventState(store);
            state.setState({ mode: 'imported', fileName: file.name, header, replay: null });
            store.getState().applySnapshot({
              info: header.info,
              history: { events: 0, lastSeq: 0 },
              evicted: header.evicted,
            });
          },
          batch: ingest,
          progress: (done, total) => state.setState({ busy: { what: 'import', progress: done / total } }),
        });
        state.setState({ busy: null });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        state.setState({ busy: null, error: `Could not import ${file.name}: ${message}` });
        if (started) backToLive();
      }
    },
    replay({ runId, slowdown, paused = false }) {
      const info = store.getState().info;
      const events = [...retained];
      if (!info || events.length === 0 || state.getState().busy) return;
      const found =
        runId === undefined ? 0 : events.findIndex((e) => e.kind === 'run:start' && e.runId === runId);
      const start = Math.max(0, found);
      const evicted = retained.evictedBefore;
      stopReplay();
      stopFollowing();
      guard.setReadOnly(true);
      retained.reset();
      clearEventState(store);
      state.setState({ mode: 'replay', error: null });
      store.getState().applySnapshot({ info, history: { events: 0, lastSeq: 0 }, evicted });
      if (start > 0) ingest(events.slice(0, start));
      player = createReplayer(events, start, ingest, (replay) => state.setState({ replay }));
      player.setSlowdown(slowdown);
      if (paused) player.step();
      else player.play();
    },
    replayer: () => player,
    async exportSession() {
      const info = store.getState().info;
      if (!info || state.getState().busy) return;
      state.setState({ busy: { what: 'export', progress: 0 }, error: null });
      try {
        const blob = await writeSession(retained, info, { messages: useStoredMessages.getState().saved });
        save(blob, `${stampedName('ipc-scope-session')}${SESSION_EXTENSION}`);
      } catch (error) {
        state.setState({
          error: `Could not export: ${error instanceof Error ? error.message : String(error)}`,
        });
      } finally {
        state.setState({ busy: null });
      }
    },
  };
}
