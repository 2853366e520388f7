import * as v from 'valibot';
import { compileCheck } from './compile-check';
import { isLabEvent, type LabEvent } from './events';

/** Renderer -> host over WebSocket: one command, answered by a reply with the same id. */
export interface CommandMessage {
  type: 'command';
  id: number;
  name: string;
  payload: unknown;
}

/** What crosses the boundary in answer to a command: a value, or the lab's error in words. */
export const ReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), value: v.unknown() }),
  v.object({ ok: v.literal(false), error: v.string() }),
]);

/** Host -> renderer over WebSocket. Events come in batches, after the `lab:hello` reply that subscribes. */
export const HostMessageSchema = v.variant('type', [
  v.object({ type: v.literal('reply'), id: v.number(), reply: ReplySchema }),
  // Each event against its kind's schema, found by lookup: LabEventSchema would try the kinds in turn.
  v.object({ type: v.literal('events'), events: v.array(v.custom<LabEvent>(isLabEvent)) }),
]);

export type HostMessage = v.InferOutput<typeof HostMessageSchema>;

/** Whether a parsed frame is a host message: HostMessageSchema, compiled, since every live batch is checked. */
export const isHostMessage = compileCheck(HostMessageSchema) as (value: unknown) => value is HostMessage;

/** Path of the WebSocket endpoint; the access token rides in the `token` query parameter. */
export const WS_PATH = '/ws';
