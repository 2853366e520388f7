import { type HostMessage, isHostMessage } from '../../../contract/wire';

/** Reads one WebSocket frame from the host; null when it is not a message we know. */
export function parseHostMessage(data: string): HostMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return isHostMessage(value) ? value : null;
}
