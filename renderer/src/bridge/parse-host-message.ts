import * as v from 'valibot';
import { type HostMessage, HostMessageSchema } from '../../../contract/wire';

const FIRST_ISSUE = { abortEarly: true } as const;

/** Reads one WebSocket frame from the host; null when it is not a message we know. */
export function parseHostMessage(data: string): HostMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const checked = v.safeParse(HostMessageSchema, value, FIRST_ISSUE);
  return checked.success ? checked.output : null;
}
