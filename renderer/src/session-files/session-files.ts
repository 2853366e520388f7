import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabEvent } from '../../../contract/events';
import { stampedName } from '../lib/file-names';
import { useStoredMessages } from '../lib/stored-messages';
import type { LabStore } from '../store/lab-store';
import { initialUi } from '../store/ui-slice';
import type { ReadOnlyBridge } from './read-only-bridge';
import { readSession } from './read-session';
import { SESSION_EXTENSION, type SessionHeader } from './session-format';
import { type RetainedEvents, writeSession } from './write-session';

export interface SessionFilesState {
  mode: 'live' | 'imported';
  /** The file on screen while imported. */
  fileName: string | null;
  header: SessionHeader | null;
  /** An import or export in progress, with how far it got (0..1). */
  busy: { what: 'import' | 'export'; progress: number } | null;
  /** Why the last import or export failed. */
  error: string | null;
}

export interface SessionFiles {
  state: StoreApi<SessionFilesState>;
  /** Follows the lab's events until an import replaces them; returns the function that stops following. */
  startLive(): () => void;
  backToLive(): void;
  importFile(file: File): Promise<void>;
  exportSession(): Promise<void>;
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
  }));
  let stopLive: (() => void) | null = null;

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

  const backToLive = () => {
    stopFollowing();
    retained.reset();
    clearEventState(store);
    state.setState({ mode: 'live', fileName: null, header: null });
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
            stopFollowing();
            guard.setReadOnly(true);
            retained.reset();
            clearEventState(store);
            state.setState({ mode: 'imported', fileName: file.name, header });
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
