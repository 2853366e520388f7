import * as v from 'valibot';
import { ClientModeSchema } from './events';
import { SignalNameSchema } from './signals';

export const EchoStatusSchema = v.object({
  listening: v.boolean(),
  host: v.string(),
  port: v.number(),
  /** The last failure to bind, in words, until the next success. */
  error: v.nullable(v.string()),
  /** Bound to a non-loopback address (e.g. 0.0.0.0): reachable from other machines, so the UI warns. */
  exposed: v.optional(v.boolean()),
});

export const SignalInfoSchema = v.object({ name: SignalNameSchema, number: v.number() });

export const ModeAvailabilitySchema = v.object({
  mode: ClientModeSchema,
  available: v.boolean(),
  /** Why a mode is disabled, or what it runs (e.g. the python version). */
  detail: v.string(),
});

/** Whether programs can be traced here (strace on Linux), and if not, one sentence on why. */
export const TraceAvailabilitySchema = v.object({
  available: v.boolean(),
  /** What traces (the strace found), or why tracing is unavailable and what to do. */
  detail: v.string(),
});

/**
 * What the lab says about itself in the hello reply and in a session file's header, where the views read it
 * back: so an imported file is checked against this before any view sees it.
 */
export const LabInfoSchema = v.object({
  pid: v.number(),
  platform: v.string(),
  /** Wall-clock ms (Date.now()) at lab time 0: an event happened at startedAtMs + t / 1000. */
  startedAtMs: v.number(),
  host: v.picklist(['electron', 'web']),
  echo: EchoStatusSchema,
  modes: v.array(ModeAvailabilitySchema),
  signals: v.array(SignalInfoSchema),
  maxClients: v.number(),
  /** Null where signals work; otherwise why they are disabled (Windows). */
  signalsUnsupported: v.nullable(v.string()),
  /** The bounds of the lab's retained history; absent in session files from before it had a byte bound. */
  historyLimits: v.optional(v.object({ events: v.number(), bytes: v.number() })),
  /** Whether tracing works here; absent in session files from before tracing. */
  trace: v.optional(TraceAvailabilitySchema),
});

export type EchoStatus = v.InferOutput<typeof EchoStatusSchema>;
export type SignalInfo = v.InferOutput<typeof SignalInfoSchema>;
export type ModeAvailability = v.InferOutput<typeof ModeAvailabilitySchema>;
export type LabInfo = v.InferOutput<typeof LabInfoSchema>;
export type TraceAvailability = v.InferOutput<typeof TraceAvailabilitySchema>;
