/** What a key does anywhere in the app, outside text fields. */
export type ShortcutAction =
  | 'spawn'
  | 'zoomIn'
  | 'zoomOut'
  | 'panEarlier'
  | 'panLater'
  | 'toStart'
  | 'follow'
  | 'fit'
  | 'help'
  | 'close';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  text: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['N'], action: 'spawn', text: 'A new run: spawn clients, as the spawn form is set' },
  { keys: ['W'], action: 'zoomIn', text: 'Timeline: zoom in' },
  { keys: ['S'], action: 'zoomOut', text: 'Timeline: zoom out' },
  { keys: ['A'], action: 'panEarlier', text: 'Timeline: pan to earlier' },
  { keys: ['D'], action: 'panLater', text: 'Timeline: pan to later' },
  { keys: ['Home'], action: 'toStart', text: 'Timeline: go to the first event' },
  { keys: ['End', 'F'], action: 'follow', text: 'Timeline: follow the newest events again' },
  { keys: ['0'], action: 'fit', text: 'Timeline: fit everything in view' },
  { keys: ['?'], action: 'help', text: 'Show or hide this list' },
  { keys: ['Esc'], action: 'close', text: 'Close this list, or let go of what the timeline shows' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** The parts of an element that say whether it takes typing (read by shape, so tests need no DOM). */
interface FieldLike {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

const NOT_TYPED = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'];

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const field = target as FieldLike;
  if (field.isContentEditable === true) return true;
  if (field.tagName === 'TEXTAREA' || field.tagName === 'SELECT') return true;
  return field.tagName === 'INPUT' && !NOT_TYPED.includes(String(field.type));
}

/** The action for a key press, or null when it is not a shortcut here (modifiers, or typing in a field). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return null;
  switch (event.key) {
    // W, A, S and D move the timeline as they move the view in Perfetto.
    case 'w':
    case 'W':
      return 'zoomIn';
    case 's':
    case 'S':
      return 'zoomOut';
    case 'a':
    case 'A':
      return 'panEarlier';
    case 'd':
    case 'D':
      return 'panLater';
    case 'n':
    case 'N':
      return 'spawn';
    case 'Home':
      return 'toStart';
    case 'End':
    case 'f':
    case 'F':
      return 'follow';
    case '0':
      return 'fit';
    case '?':
      return 'help';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}
