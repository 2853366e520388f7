import type { LabEventOf } from '../../../contract/events';
import { base64Bytes } from '../lib/payload';
import type { TraceFact } from '../store/trace-slice';
import {
  clientLifeline,
  LAB_LIFELINE,
  OUTSIDE_LIFELINE,
  type SeqArrow,
  type SequenceContext,
  type TraceCall,
} from './sequence-types';

export interface PlacedFact {
  fact: TraceFact;
  lifeline: string;
}

const KILLS = new Set(['kill', 'tkill', 'tgkill', 'rt_sigqueueinfo', 'rt_tgsigqueueinfo']);
const TIMERS = new Set(['alarm', 'setitimer', 'timer_settime']);
/** A handler's printing ends at the next call that is not a write: the program waits again. */
const NOTE_CHARS = 60;

/** The pid a kill names and its signal: `kill(41235, SIGUSR2)`, `tgkill(41235, 41237, SIGUSR2)`. */
function killTarget(call: TraceCall): string | null {
  const numbers = call.args.match(/-?\d+/g) ?? [];
  const signal = /SIG[A-Z0-9_]+/.exec(call.args)?.[0];
  return numbers[0] && signal ? `${numbers[0]}:${signal}` : null;
}

interface Handler {
  arrow: SeqArrow;
  returned: boolean;
  printed: string;
}

function handlerNote(handler: Handler): string | null {
  if (!handler.returned) return null;
  const printed = handler.printed.trim();
  if (!printed) return 'handler ran';
  const cut = printed.length > NOTE_CHARS ? `${printed.slice(0, NOTE_CHARS - 1)}…` : printed;
  return `handler ran, printed "${cut}"`;
}

/**
 * kill → its delivery, alarm → the kernel's SIGALRM, each with the handler that ran (the thread returned from
 * it with rt_sigreturn) and what it printed before the thread waited again.
 */
export function signalArrows(
  facts: readonly PlacedFact[],
  context: SequenceContext,
  lifelineOfPid: (pid: number) => string | null,
): SeqArrow[] {
  const arrows: SeqArrow[] = [];
  const kills = new Map<string, PlacedFact>();
  const timers = new Map<number, PlacedFact>(); // pid -> its newest alarm()
  const handlers = new Map<string, Handler>(); // lifeline -> the delivery whose handler may be running
  const finish = (lifeline: string) => {
    const handler = handlers.get(lifeline);
    if (!handler) return;
    handler.arrow.note = handlerNote(handler);
    handlers.delete(lifeline);
  };
  const senderOf = (signal: LabEventOf<'trace:signal'>, pid: number): string => {
    const kill = kills.get(`${signal.pid}:${signal.signal}`) ?? kills.get(`${signal.tid}:${signal.signal}`);
    if (kill && kill.fact.pid === pid) return kill.lifeline;
    if (pid === context.labPid) return LAB_LIFELINE;
    if (context.clientPids.has(pid)) return clientLifeline(pid);
    return lifelineOfPid(pid) ?? OUTSIDE_LIFELINE;
  };

  for (const placed of facts) {
    const { fact, lifeline } = placed;
    if (fact.kind === 'trace:call') {
      const handler = handlers.get(lifeline);
      if (handler && fact.call === 'rt_sigreturn') handler.returned = true;
      else if (handler?.returned && fact.call === 'write' && (fact.fd === 1 || fact.fd === 2) && fact.data) {
        handler.printed += String.fromCharCode(...base64Bytes(fact.data).subarray(0, NOTE_CHARS));
      } else if (handler) finish(lifeline);
      const target = KILLS.has(fact.call) ? killTarget(fact) : null;
      if (target) kills.set(target, placed);
      if (TIMERS.has(fact.call) && fact.args !== '0') timers.set(fact.pid, placed);
      continue;
    }
    if (fact.kind !== 'trace:signal') continue;
    finish(lifeline);
    const number = context.signalNumbers.get(fact.signal);
    const name = number === undefined ? fact.signal : `${fact.signal} (${number})`;
    const base = { t1: fact.at, to: lifeline, hex: false, note: null };
    let made: SeqArrow;
    if (fact.senderPid !== null) {
      const from = senderOf(fact, fact.senderPid);
      const kill = kills.get(`${fact.pid}:${fact.signal}`);
      const t0 = from === kill?.lifeline ? Math.min(kill.fact.at, fact.at) : fact.at;
      made = { ...base, id: `signal:${fact.seq}`, kind: 'signal', from, t0, label: name };
    } else {
      const timer = fact.signal === 'SIGALRM' ? timers.get(fact.pid) : undefined;
      if (timer?.fact.kind === 'trace:call') {
        const label = `${timer.fact.call}(${timer.fact.args}) → ${name}`;
        const t0 = Math.min(timer.fact.at, fact.at);
        made = { ...base, id: `alarm:${fact.seq}`, kind: 'alarm', from: timer.lifeline, t0, label };
        timers.delete(fact.pid); // alarm() fires once; the handler arms the next
      } else {
        const label = `${name} from the kernel`;
        made = { ...base, id: `signal:${fact.seq}`, kind: 'signal', from: lifeline, t0: fact.at, label };
      }
    }
    arrows.push(made);
    handlers.set(lifeline, { arrow: made, returned: false, printed: '' });
  }
  for (const lifeline of [...handlers.keys()]) finish(lifeline);
  return arrows;
}
