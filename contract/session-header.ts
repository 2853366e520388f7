import * as v from 'valibot';
import { SavedMessageSchema } from './compose';
import { LabInfoSchema } from './lab-info';

export const SESSION_FORMAT = 'ipc-scope-session';
export const SESSION_VERSION = 1;

/** The first line of a session file; every line after it is one event, oldest first. Checked in this order. */
export const SessionHeaderSchema = v.object({
  format: v.literal(SESSION_FORMAT),
  version: v.literal(SESSION_VERSION),
  /** The lab the events came from: its pid, platform, clock origin and echo server. */
  info: LabInfoSchema,
  /** Events that happened before the first one in the file and are not in it. */
  evicted: v.number(),
  /** How many event lines follow. */
  events: v.number(),
  /** When the file was written, as an ISO 8601 date; a file written by hand may leave it out. */
  exportedAt: v.optional(v.string()),
  /** The composer's saved messages when the file was written; absent in files from before the composer. */
  messages: v.optional(v.array(SavedMessageSchema)),
});

export type SessionHeader = v.InferOutput<typeof SessionHeaderSchema>;
