import type { CommandName, CommandPayload } from './command-payloads';
import type { TraceEndReason } from './events';
import type { EchoStatus, LabInfo } from './lab-info';

export type { CommandName, CommandPayload } from './command-payloads';
export type { EchoStatus, LabInfo, ModeAvailability, SignalInfo, TraceAvailability } from './lab-info';

/** What a window's retained history is; its events follow the hello reply. */
export interface HistorySize {
  /** How many retained events follow, oldest first, as event batches before any live one. */
  events: number;
  /**
   * The newest seq when the window subscribed: the history ends there (when it has events), and every live
   * batch comes after it. Anything the window got before the reply is at or below it.
   */
  lastSeq: number;
}

/**
 * The reply to `lab:hello`. The history comes after it a piece at a time, so that neither side ever holds
 * a million events as one message.
 */
export interface Snapshot {
  info: LabInfo;
  history: HistorySize;
  /** How many events the bounded history has evicted so far. */
  evicted: number;
}

/** What each command resolves to. Only our own engine produces these, so they are plain types. */
interface CommandResults {
  'lab:hello': Snapshot;
  'echo:start': EchoStatus;
  'echo:stop': EchoStatus;
  'clients:spawn': { runId: number };
  'signal:send': { pid: number };
  'signal:spawn-target': { pid: number };
  'alarm:arm': { previousRemaining: number };
  'alarm:cancel': { remaining: number };
  'script:run': { scriptId: number; pid: number };
  /** `pid` is the program's, once strace's first line names it (null if it had not within a moment). */
  'trace:run': { traceId: number; tracerPid: number; pid: number | null };
  'trace:attach': { traceId: number; tracerPid: number; pid: number };
  /** How it ended: `detached` leaves an attached program running; `stopped` ended a run's program. */
  'trace:stop': { traceId: number; reason: TraceEndReason };
  /** `reply` is the first chunk back (base64); null when sent on a kept connection, whose replies are events. */
  'composer:send': { composerId: number; reply: string | null };
  'composer:open': { composerId: number; localPort: number };
  'composer:close': { composerId: number };
}

/** Every command: its payload (from its schema) and what it resolves to. Hyper-style typed map. */
export type Commands = { [C in CommandName]: { payload: CommandPayload<C>; result: CommandResults[C] } };

export type CommandResult<C extends CommandName> = Commands[C]['result'];

/** What crosses the boundary in answer to a command: never a thrown error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export type CommandHandlers = {
  [C in CommandName]: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
};
