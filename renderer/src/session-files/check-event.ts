import * as v from 'valibot';
import { eventSchemaOf, isLabEvent, type LabEvent } from '../../../contract/events';

const FIRST_ISSUE = { abortEarly: true } as const;

/** The event, if `value` is one this version knows; otherwise what is wrong with it. */
export function checkEvent(value: unknown): LabEvent | string {
  // The event as it came, keys in their order, so that a re-export writes it back as it was read.
  if (isLabEvent(value)) return value;
  // Only a line that fails is read again, by valibot, for the words.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const { kind } = value as { kind?: unknown };
  if (typeof kind !== 'string') return 'no event kind';
  const schema = eventSchemaOf(kind);
  if (!schema) return `unknown event kind "${kind}"`;
  const checked = v.safeParse(schema, value, FIRST_ISSUE);
  if (checked.success) return value as LabEvent;
  const key = String(checked.issues[0].path?.[0]?.key);
  if (key === 'seq') return 'seq must be a whole number from 1';
  if (key === 't') return 't must be a number (µs)';
  return `${kind}: field "${key}" is missing or has the wrong type`;
}
