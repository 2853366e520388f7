import { isUnix, receives, sends, socketEnds } from '../store/traced-calls';
import { type Chunk, matchByBytes } from './byte-match';
import { payloadLabel } from './payload-label';
import {
  type ArrowKind,
  LAB_LIFELINE,
  OUTSIDE_LIFELINE,
  type SeqArrow,
  type SequenceContext,
  type TraceCall,
} from './sequence-types';

/** A traced call with the lifeline that made it, and whether its trace was attached (no lab-read stdout). */
export interface PlacedCall {
  call: TraceCall;
  lifeline: string;
  attached: boolean;
}

const PIPE = /^pipe:\[(\d+)\]$/;

const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));
const doneAt = (call: TraceCall) => call.at + (call.durationUs ?? 0);
const moved = (call: TraceCall) => (call.result ?? 0) > 0 && (call.size ?? 0) > 0;

interface Piece {
  placed: PlacedCall;
  /** Writes joined into one message (a print() that made several write calls). */
  calls: TraceCall[];
}

/** The lab reads a traced run's stdout and stderr; any other reader is outside what is traced. */
const labReads = ({ call, attached }: PlacedCall) => !attached && (call.fd === 1 || call.fd === 2);

function arrow(kind: ArrowKind, from: string, to: string, t0: number, t1: number, id: string): SeqArrow {
  return { id, kind, from, to, t0, t1: Math.max(t0, t1), label: '', hex: false, note: null };
}

function dataArrow(kind: ArrowKind, piece: Piece, from: string, to: string, t1: number): SeqArrow {
  const first = piece.calls[0] as TraceCall;
  const made = arrow(kind, from, to, first.at, t1, `${kind}:${first.seq}`);
  return { ...made, ...payloadLabel(piece.calls) };
}

/** Socket and pipe arrows: connect → accept, each send → the receive that took it, close, pipe write → read. */
export function streamArrows(calls: readonly PlacedCall[], context: SequenceContext): SeqArrow[] {
  const arrows: SeqArrow[] = [];
  /** `local->remote` of each traced TCP socket: the thread that used it last. */
  const owners = new Map<string, string>();
  const listening = new Set<number>();
  const sockets = new Map<string, { sends: Chunk<Piece>[]; recvs: Chunk<PlacedCall>[] }>();
  const pipes = new Map<string, { sends: Chunk<Piece>[]; recvs: Chunk<PlacedCall>[] }>();
  const connecting = new Map<string, PlacedCall>(); // pid:fd -> its connect, until the fd shows its ends
  const connects: { placed: PlacedCall; local: string; remote: string }[] = [];
  const accepts = new Map<string, PlacedCall>(); // server side `local->remote` -> the accept
  const closes: { placed: PlacedCall; local: string; remote: string }[] = [];
  const openWrite = new Map<string, Chunk<Piece>>(); // lifeline -> the write a next one may join
  const streamOf = (map: typeof sockets, key: string) => {
    const stream = map.get(key) ?? { sends: [], recvs: [] };
    map.set(key, stream);
    return stream;
  };

  /** A write joins the one its thread made just before on the same fd: print() may write in pieces. */
  const send = (stream: { sends: Chunk<Piece>[] }, placed: PlacedCall) => {
    const { call, lifeline } = placed;
    const open = openWrite.get(lifeline);
    if (open) {
      open.item.calls.push(call);
      open.size += call.result ?? 0;
      return;
    }
    const chunk = { at: call.at, size: call.result ?? 0, item: { placed, calls: [call] } };
    openWrite.set(lifeline, chunk);
    stream.sends.push(chunk);
  };

  for (const placed of calls) {
    const { call, lifeline } = placed;
    const ends = socketEnds(call.endpoint);
    const fdKey = `${call.traceId}:${call.pid}:${call.fd}`;
    if (ends) {
      owners.set(`${ends.local}->${ends.remote}`, lifeline);
      const waiting = connecting.get(fdKey);
      if (waiting) {
        connects.push({ placed: waiting, ...ends });
        connecting.delete(fdKey);
      }
    }
    const pipe = call.endpoint ? PIPE.exec(call.endpoint)?.[1] : undefined;
    const joining = openWrite.get(lifeline);
    if (joining && !(sends(call.call) && joining.item.placed.call.endpoint === call.endpoint)) {
      openWrite.delete(lifeline); // anything else the thread does ends the message
    }
    if ((call.call === 'bind' || call.call === 'listen') && call.result === 0 && call.address) {
      listening.add(portOf(call.address));
    } else if (call.call === 'listen' && call.result === 0 && call.endpoint) {
      const port = /:(\d+)\]$/.exec(call.endpoint)?.[1];
      if (port) listening.add(Number(port));
    }
    if (call.call === 'connect' && (call.result === 0 || call.errno === 'EINPROGRESS')) {
      connecting.set(fdKey, placed);
    } else if (call.call.startsWith('accept') && call.newEndpoint) {
      const accepted = socketEnds(call.newEndpoint);
      if (accepted) {
        owners.set(`${accepted.local}->${accepted.remote}`, lifeline);
        accepts.set(`${accepted.local}->${accepted.remote}`, placed);
      }
    } else if (call.call === 'close' && ends) {
      closes.push({ placed, ...ends });
    } else if (ends && moved(call) && sends(call.call)) {
      send(streamOf(sockets, `${ends.local}->${ends.remote}`), placed);
    } else if (ends && moved(call) && receives(call.call)) {
      streamOf(sockets, `${ends.remote}->${ends.local}`).recvs.push({
        at: call.at,
        size: call.result ?? 0,
        item: placed,
      });
    } else if (pipe && moved(call) && sends(call.call)) {
      send(streamOf(pipes, pipe), placed);
    } else if (pipe && moved(call) && receives(call.call)) {
      streamOf(pipes, pipe).recvs.push({ at: call.at, size: call.result ?? 0, item: placed });
    }
  }

  /** The far end of a socket whose own side is `local->remote`: a traced thread, the lab, or anyone else. */
  const peerOf = (local: string, remote: string): string | null => {
    const traced = owners.get(`${remote}->${local}`);
    if (traced) return traced;
    if (isUnix(remote)) return OUTSIDE_LIFELINE;
    if (portOf(remote) === context.echoPort || context.labPorts.has(portOf(remote))) return LAB_LIFELINE;
    // A traced server whose accept has not been printed yet: wait for it.
    if (listening.has(portOf(remote))) return null;
    return OUTSIDE_LIFELINE;
  };

  const accepted = new Set<PlacedCall>();
  for (const { placed, local, remote } of connects) {
    const accept = accepts.get(`${remote}->${local}`);
    if (accept) accepted.add(accept);
    const to = accept?.lifeline ?? peerOf(local, remote);
    if (!to) continue;
    const made = arrow('connect', placed.lifeline, to, placed.call.at, accept ? doneAt(accept.call) : 0, '');
    const label = isUnix(remote) ? `connect ${placed.call.address ?? ''}` : `connect :${portOf(remote)}`;
    arrows.push({ ...made, id: `connect:${placed.call.seq}`, label });
  }
  for (const [key, accept] of accepts) {
    if (accepted.has(accept)) continue;
    const [local = '', remote = ''] = key.split('->');
    const from = peerOf(local, remote);
    if (!from) continue;
    const t = doneAt(accept.call);
    const made = arrow('connect', from, accept.lifeline, t, t, `accept:${accept.call.seq}`);
    arrows.push({ ...made, label: isUnix(remote) ? 'connect' : `connect from :${portOf(remote)}` });
  }

  for (const [key, stream] of sockets) {
    const [local = '', remote = ''] = key.split('->');
    const { pairs, unsent, unmatched } = matchByBytes(stream.sends, stream.recvs);
    for (const { send, recv } of pairs)
      arrows.push(dataArrow('data', send, send.placed.lifeline, recv.lifeline, doneAt(recv.call)));
    const receiver = peerOf(local, remote);
    if (receiver === LAB_LIFELINE || receiver === OUTSIDE_LIFELINE) {
      for (const send of unsent) {
        const stdio = receiver === OUTSIDE_LIFELINE && isUnix(remote) && labReads(send.placed);
        const arrow = stdio ? dataArrow('pipe', send, send.placed.lifeline, LAB_LIFELINE, 0) : null;
        arrows.push(arrow ?? dataArrow('data', send, send.placed.lifeline, receiver, 0));
      }
    }
    const sender = peerOf(remote, local);
    if (sender === LAB_LIFELINE || sender === OUTSIDE_LIFELINE) {
      for (const recv of unmatched) {
        const made = dataArrow('data', { placed: recv, calls: [recv.call] }, sender, recv.lifeline, 0);
        arrows.push({ ...made, t0: doneAt(recv.call), t1: doneAt(recv.call) });
      }
    }
  }

  const closed = new Set<string>();
  for (const { placed, local, remote } of closes) {
    if (closed.has(`${local}->${remote}`)) continue;
    closed.add(`${local}->${remote}`);
    const to = peerOf(local, remote);
    if (!to) continue;
    const made = arrow(
      'close',
      placed.lifeline,
      to,
      placed.call.at,
      placed.call.at,
      `close:${placed.call.seq}`,
    );
    arrows.push({ ...made, label: 'close' });
  }

  for (const stream of pipes.values()) {
    const { pairs, unsent } = matchByBytes(stream.sends, stream.recvs);
    for (const { send, recv } of pairs)
      arrows.push(dataArrow('pipe', send, send.placed.lifeline, recv.lifeline, doneAt(recv.call)));
    if (stream.recvs.length > 0) continue; // a traced reader: the rest is still to be read
    for (const send of unsent) {
      const to = labReads(send.placed) ? LAB_LIFELINE : OUTSIDE_LIFELINE;
      arrows.push(dataArrow('pipe', send, send.placed.lifeline, to, 0));
    }
  }
  return arrows;
}
