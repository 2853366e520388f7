import type { Reply } from '../../../contract/commands';
import type { LabEvent } from '../../../contract/events';
import type { HostMessage } from '../../../contract/wire';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReply(value: unknown): value is Reply<unknown> {
  if (!isObject(value)) return false;
  return value.ok === true ? 'value' in value : value.ok === false && typeof value.error === 'string';
}

// The host is trusted to send contract shapes; this checks the envelope the bridge relies on.
function isEvent(value: unknown): value is LabEvent {
  return (
    isObject(value) &&
    typeof value.kind === 'string' &&
    typeof value.seq === 'number' &&
    typeof value.t === 'number'
  );
}

/** Reads one WebSocket frame from the host; null when it is not a message we know. */
export function parseHostMessage(data: string): HostMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (value.type === 'reply' && typeof value.id === 'number' && isReply(value.reply)) {
    return { type: 'reply', id: value.id, reply: value.reply };
  }
  if (value.type === 'events' && Array.isArray(value.events) && value.events.every(isEvent)) {
    return { type: 'events', events: value.events };
  }
  return null;
}
