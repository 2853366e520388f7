import { formatLatency } from '../lib/format';
import type { Lifeline, SeqArrow } from './sequence-types';

const KIND_WORDS: Record<SeqArrow['kind'], string> = {
  connect: 'connect, accepted',
  data: 'bytes on a connection',
  close: 'close',
  signal: 'signal',
  pipe: 'bytes through a pipe',
  alarm: 'alarm and its SIGALRM',
};

/** The clicked arrow in words: who to whom, what, and how long it took to arrive. */
export function SequenceDetails({
  arrow,
  lifelines,
}: {
  arrow: SeqArrow | null;
  lifelines: readonly Lifeline[];
}) {
  if (!arrow)
    return <p className="muted seq-details">Click an arrow for its details; the timeline goes there.</p>;
  const name = (key: string) => {
    const lifeline = lifelines.find((l) => l.key === key);
    return lifeline ? `${lifeline.label} (${lifeline.detail})` : key;
  };
  return (
    <p className="seq-details" data-testid="seq-details">
      <strong>{KIND_WORDS[arrow.kind]}</strong>: {name(arrow.from)} → {name(arrow.to)}:{' '}
      <code>{arrow.label}</code>
      {arrow.t1 > arrow.t0 && <> · arrived after {formatLatency(arrow.t1 - arrow.t0)}</>}
      {arrow.note && <> · {arrow.note}</>}
    </p>
  );
}
