import * as v from 'valibot';
import { create } from 'zustand';
import {
  type ComposedMessage,
  ComposedMessageSchema,
  type SavedMessage,
  SavedMessageSchema,
} from '../../../contract/compose';

/** Messages sent, newest last, that up and down recall. */
export const HISTORY_LIMIT = 50;
const HISTORY_KEY = 'ipc-scope:composer-history';
const SAVED_KEY = 'ipc-scope:composer-saved';

/** What local storage holds under `key`, if it reads as a list of `schema`; anything else is ignored. */
function load<T>(key: string, schema: v.GenericSchema<unknown, T>): T[] {
  try {
    const parsed = v.safeParse(v.array(schema), JSON.parse(localStorage.getItem(key) ?? '[]'));
    return parsed.success ? parsed.output : [];
  } catch {
    return []; // storage off (a private window), or a value written by hand
  }
}

function keep<T>(key: string, items: T[]): T[] {
  try {
    localStorage.setItem(key, JSON.stringify(items));
  } catch {
    // Full or off: the list lives as long as the page.
  }
  return items;
}

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
  history: load(HISTORY_KEY, ComposedMessageSchema),
  saved: load(SAVED_KEY, SavedMessageSchema),
  remember(message) {
    const rest = get().history.filter((item) => !sameMessage(item, message));
    set({ history: keep(HISTORY_KEY, [...rest, message].slice(-HISTORY_LIMIT)) });
  },
  save(message) {
    const rest = get().saved.filter((item) => item.name !== message.name);
    set({ saved: keep(SAVED_KEY, [...rest, message]) });
  },
  forget(name) {
    set({
      saved: keep(
        SAVED_KEY,
        get().saved.filter((item) => item.name !== name),
      ),
    });
  },
}));
