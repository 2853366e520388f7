import type { LabEventOf } from '../../../contract/events';

export type ArrowKind = 'connect' | 'data' | 'close' | 'signal' | 'pipe' | 'alarm';

/** Who a lifeline stands for: the lab, a traced thread or process, a client the lab spawned, or anyone else. */
export type LifelineKind = 'lab' | 'thread' | 'client' | 'outside';

export interface Lifeline {
  key: string;
  kind: LifelineKind;
  /** First line of the header: `pid 41235`, `tid 41237`, `the lab`. */
  label: string;
  /** Second line: the command, or what the lifeline is. */
  detail: string;
}

export interface SeqArrow {
  /** Stable across updates: the arrow's kind and the event(s) it is drawn from. */
  id: string;
  kind: ArrowKind;
  from: string;
  to: string;
  /** Lab time (µs) it left and arrived; `t1 >= t0`. */
  t0: number;
  t1: number;
  label: string;
  /** The label is bytes shown as hex (they did not read as text). */
  hex: boolean;
  /** What ran on arrival: a signal's handler and what it printed. */
  note: string | null;
}

export interface Sequence {
  lifelines: readonly Lifeline[];
  arrows: readonly SeqArrow[];
}

/** What the chart knows of the lab itself, to name the other end of what a traced program did. */
export interface SequenceContext {
  labPid: number | null;
  echoPort: number | null;
  /** Local ports of the lab's own sockets that may reach a traced server: the composer's. */
  labPorts: ReadonlySet<number>;
  /** Pids of the clients the lab spawned, with their client ids. */
  clientPids: ReadonlyMap<number, string>;
  /** Signal numbers by name, for labels such as `SIGUSR2 (12)`. */
  signalNumbers: ReadonlyMap<string, number>;
}

export type TraceCall = LabEventOf<'trace:call'>;

export const LAB_LIFELINE = 'lab';
export const OUTSIDE_LIFELINE = 'outside';
export const threadLifeline = (traceId: number, tid: number) => `t${traceId}:${tid}`;
export const clientLifeline = (pid: number) => `client:${pid}`;
