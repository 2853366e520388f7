import { useLab } from '../store/use-lab';

/** The three orders a run ends with: they rarely agree, and that is the lesson. */
export function RunOrders({ runId }: { runId: number }) {
  const run = useLab((state) => state.runs.get(runId));
  if (!run) return null;
  if (!run.accepted || !run.replied || !run.exited) return <p className="muted">running…</p>;
  return (
    <dl className="run-orders">
      <dt>accepted</dt>
      <dd>{run.accepted.join(' ') || '—'}</dd>
      <dt>replied</dt>
      <dd>{run.replied.join(' ') || '—'}</dd>
      <dt>exited</dt>
      <dd>{run.exited.join(' ') || '—'}</dd>
    </dl>
  );
}
