import * as v from 'valibot';
import { create } from 'zustand';
import {
  type ComposedMessage,
  ComposedMessageSchema,
  type SavedMessage,
  SavedMessageSchema,
} from '../../../contract/compose';
import { readStored, writeStored } from './local-storage';

/** Messages sent, newest last, that up and down recall. */
export const HISTORY_LIMIT = 50;
const HISTORY_KEY = 'ipc-scope:composer-history';
const SAVED_KEY = 'ipc-scope:composer-saved';

interface StoredMessages {
  history: readonly ComposedMessage[];
  saved: readonly SavedMessage[];
  /** Makes `message` the newest in the history: a repeat moves to the end instead of piling up. */
  remember(message: ComposedMessage): void;
  /** Saves under the message's name; saving a name again replaces what it held. */
  save(message: SavedMessage): void;
  forget(name: string): void;
}

const sameMessage = (a: ComposedMessage, b: ComposedMessage) => a.text === b.text && a.format === b.format;

/** The composer's sent history and saved messages, kept in this browser's local storage. */
export const useStoredMessages = create<StoredMessages>()((set, get) => ({
  history: readStored(HISTORY_KEY, v.array(ComposedMessageSchema), []),
  saved: readStored(SAVED_KEY, v.array(SavedMessageSchema), []),
  remember(message) {
    const rest = get().history.filter((item) => !sameMessage(item, message));
    set({ history: writeStored(HISTORY_KEY, [...rest, message].slice(-HISTORY_LIMIT)) });
  },
  save(message) {
    const rest = get().saved.filter((item) => item.name !== message.name);
    set({ saved: writeStored(SAVED_KEY, [...rest, message]) });
  },
  forget(name) {
    set({
      saved: writeStored(
        SAVED_KEY,
        get().saved.filter((item) => item.name !== name),
      ),
    });
  },
}));
