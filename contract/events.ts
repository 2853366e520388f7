import type { SignalName } from './signals';

export type ClientMode = 'process' | 'thread' | 'python';
export type RedirectMode = 'pipe' | 'socket';
export type OutputStream = 'stdout' | 'stderr';
/** Who ended a connection first: the peer, the server (after its idle timeout), or an error. */
export type CloseCause = 'client' | 'server' | 'idle-timeout' | 'error';
/** Why a connection exists: the echo server's, or the socket that carries a script's stdout. */
export type ConnectionRole = 'echo' | 'redirect';
export type SignalSource = 'button' | 'external' | 'alarm';

/** Every event carries these; `seq` and `t` are set by the event log. */
export interface EventBase {
  /** Gap-free sequence number, starting at 1. */
  seq: number;
  /** Microseconds since the lab started, from a monotonic clock. */
  t: number;
}

/** What one connection may put into the history after its reply; the rest is only counted. */
export const MAX_EXTRA_KEPT_BYTES = 64 * 1024;

export type LabEventBody =
  | { kind: 'server:listening'; host: string; port: number }
  | { kind: 'server:stopped'; host: string; port: number }
  | { kind: 'server:error'; host: string; port: number; code: string; message: string }
  | {
      kind: 'conn:open';
      connId: number;
      role: ConnectionRole;
      remoteAddress: string;
      remotePort: number;
      localPort: number;
    }
  /** The first chunk, as recv(1024) returns it. `data` is base64. */
  | { kind: 'conn:data'; connId: number; data: string; size: number }
  /**
   * Bytes after the first chunk: recorded, never answered. The first MAX_EXTRA_KEPT_BYTES of a connection are
   * kept; the rest is read and discarded, and counted in one summary at close (`ignored: true`, `data` empty).
   */
  | { kind: 'conn:extra'; connId: number; data: string; size: number; ignored?: true }
  | { kind: 'conn:reply'; connId: number; text: string; size: number }
  | { kind: 'conn:close'; connId: number; cause: CloseCause; bytesIn: number; bytesOut: number }
  | { kind: 'conn:error'; connId: number; code: string; message: string }
  | { kind: 'conn:refused'; remoteAddress: string; remotePort: number; total: number; limit: number }
  /** Who holds the peer's end of an external connection, read from /proc on Linux; null when unknown. */
  | { kind: 'conn:peer'; connId: number; pid: number | null; command: string | null }
  /** A connection tied to a spawned client by what it sent. */
  | { kind: 'conn:identified'; connId: number; runId: number; clientId: string }
  | { kind: 'run:start'; runId: number; mode: ClientMode; count: number }
  | {
      kind: 'run:end';
      runId: number;
      accepted: string[];
      replied: string[];
      exited: string[];
    }
  | { kind: 'client:spawn'; runId: number; clientId: string; mode: ClientMode; pid: number; thread?: number }
  | { kind: 'client:output'; runId: number; clientId: string; stream: OutputStream; text: string }
  | {
      kind: 'client:exit';
      runId: number;
      clientId: string;
      pid: number;
      code: number | null;
      signal: string | null;
    }
  | { kind: 'signal:received'; signal: SignalName; number: number; source: SignalSource; pid: number }
  | { kind: 'signal:sent'; signal: SignalName; number: number; pid: number; target: 'app' | 'child' }
  /** A child's reaction to a signal the lab sent: stopped, continued, or its exit. */
  | { kind: 'child:state'; pid: number; state: 'stopped' | 'continued' }
  | { kind: 'target:spawn'; pid: number; signal: SignalName; number: number }
  | { kind: 'target:signal'; pid: number; signal: SignalName; number: number; line: string }
  | { kind: 'target:exit'; pid: number; code: number | null; signal: string | null }
  | {
      kind: 'alarm:armed';
      seconds: number;
      repeat: boolean;
      /** Lab time (µs) when it goes off. */
      deadline: number;
      /** Seconds the replaced alarm had left, as signal.alarm() returns; 0 when none was pending. */
      previousRemaining: number;
    }
  | { kind: 'alarm:cancelled'; remaining: number }
  | { kind: 'alarm:fired'; repeat: boolean }
  | {
      kind: 'script:start';
      scriptId: number;
      argv: string[];
      cwd: string;
      mode: RedirectMode;
      shell: boolean;
      pid: number;
      connId?: number;
    }
  | { kind: 'script:output'; scriptId: number; stream: OutputStream; text: string }
  /** Output beyond the per-script cap: counted, not kept. */
  | { kind: 'script:dropped'; scriptId: number; stream: OutputStream; bytes: number; limit: number }
  | { kind: 'script:exit'; scriptId: number; pid: number; code: number | null; signal: string | null }
  | { kind: 'script:error'; scriptId: number; argv: string[]; message: string }
  /** The bounded history evicted its oldest events: it keeps at most `capacity` events and `maxBytes` bytes. */
  | { kind: 'log:evicted'; count: number; total: number; capacity: number; maxBytes: number };

export type LabEventKind = LabEventBody['kind'];
export type LabEvent = LabEventBody & EventBase;
export type LabEventOf<K extends LabEventKind> = Extract<LabEvent, { kind: K }>;
