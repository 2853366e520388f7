import type { ClientMode, RedirectMode } from './events';
import type { SignalName } from './signals';

export interface EchoStatus {
  listening: boolean;
  host: string;
  port: number;
  /** The last failure to bind, in words, until the next success. */
  error: string | null;
  /** Bound to a non-loopback address (e.g. 0.0.0.0): reachable from other machines, so the UI warns. */
  exposed?: boolean;
}

export interface SignalInfo {
  name: SignalName;
  number: number;
}

export interface ModeAvailability {
  mode: ClientMode;
  available: boolean;
  /** Why a mode is disabled, or what it runs (e.g. the python version). */
  detail: string;
}

export interface LabInfo {
  pid: number;
  platform: string;
  host: 'electron' | 'web';
  /** Wall-clock ms (Date.now()) at lab time 0: an event happened at startedAtMs + t / 1000. */
  startedAtMs: number;
  echo: EchoStatus;
  modes: ModeAvailability[];
  signals: SignalInfo[];
  /** Null where signals work; otherwise why they are disabled (Windows). */
  signalsUnsupported: string | null;
  maxClients: number;
  /** The bounds of the lab's retained history; absent in session files from before it had a byte bound. */
  historyLimits?: { events: number; bytes: number };
}

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

/** Every command: its payload and what it resolves to. Hyper-style typed map. */
export interface Commands {
  'lab:hello': { payload: Record<string, never>; result: Snapshot };
  'echo:start': { payload: { host?: string; port?: number }; result: EchoStatus };
  'echo:stop': { payload: Record<string, never>; result: EchoStatus };
  'clients:spawn': { payload: { count: number; mode: ClientMode }; result: { runId: number } };
  'signal:send': { payload: { signal: SignalName; target: 'app' | number }; result: { pid: number } };
  'signal:spawn-target': { payload: { signal: SignalName }; result: { pid: number } };
  'alarm:arm': { payload: { seconds: number; repeat?: boolean }; result: { previousRemaining: number } };
  'alarm:cancel': { payload: Record<string, never>; result: { remaining: number } };
  'script:run': {
    payload: { argv: string[]; cwd?: string; mode: RedirectMode; shell?: boolean };
    result: { scriptId: number; pid: number };
  };
}

export type CommandName = keyof Commands;
export type CommandPayload<C extends CommandName> = Commands[C]['payload'];
export type CommandResult<C extends CommandName> = Commands[C]['result'];

/** What crosses the boundary in answer to a command: never a thrown error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export type CommandHandlers = {
  [C in CommandName]: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
};
