import { memo } from 'react';
import { exitText, formatBytes, plural } from '../lib/format';
import { type Trace, traceCounts, traceRunning } from '../store/trace-slice';
import { useLab } from '../store/use-lab';
import { traceTitle } from './trace-words';

const END_WORDS = {
  exited: 'ended',
  detached: 'detached: the program runs on',
  stopped: 'stopped',
  failed: 'failed',
} as const;

function status(trace: Trace): string {
  if (trace.error) return 'could not start';
  // An attach is confirmed by strace naming the threads it attached to.
  if (!trace.end) return trace.attached ? (trace.threads.size > 0 ? 'attached' : 'attaching…') : 'running';
  const words = END_WORDS[trace.end.reason];
  if (trace.end.reason !== 'exited') return words;
  return `${words}: ${exitText({ code: trace.end.code, signal: trace.end.signal })}`;
}

/** One trace: what runs, what was seen, what was lost, Stop or Detach, and what a run printed. */
export const TraceItem = memo(function TraceItem({ traceId }: { traceId: number }) {
  const trace = useLab((state) => state.traces.get(traceId));
  const stopTrace = useLab((state) => state.stopTrace);
  if (!trace) return null;
  const counts = traceCounts(trace);
  const running = traceRunning(trace);
  const lost = trace.outputDropped.stdout + trace.outputDropped.stderr;
  return (
    <li
      className="trace-item"
      data-testid="trace-item"
      data-trace-id={trace.traceId}
      data-running={running}
      data-facts={counts.facts}
    >
      <div className="trace-item-head">
        <code title={trace.argv.join(' ')}>{traceTitle(trace)}</code>
        <span className="muted" data-testid="trace-status">
          {trace.pid !== null && !trace.attached && `pid ${trace.pid} · `}
          {status(trace)}
        </span>
        {!trace.error && (
          <span className="muted" data-testid="trace-counts">
            {plural(counts.processes, 'process', 'processes')}, {plural(counts.threads, 'thread')} started,{' '}
            {plural(counts.facts, 'event')}
          </span>
        )}
        <span className="spacer" />
        {running && (
          <button
            type="button"
            className="small"
            data-testid="trace-stop"
            onClick={() => void stopTrace(traceId)}
          >
            {trace.attached ? 'Detach' : 'Stop'}
          </button>
        )}
      </div>
      {trace.error && (
        <p className="trace-notice error" role="alert" data-testid="trace-error">
          {trace.error}
        </p>
      )}
      {trace.end?.message && <p className="trace-notice warn">{trace.end.message}</p>}
      {trace.droppedEvents > 0 && (
        <p className="warn-text" data-testid="trace-dropped">
          {trace.droppedEvents.toLocaleString()} more events not kept, past the bound of{' '}
          {trace.eventLimit?.toLocaleString() ?? '?'} a trace.
        </p>
      )}
      {lost > 0 && (
        <p className="warn-text">
          {formatBytes(lost)} of output not kept, past {formatBytes(trace.outputLimit ?? 0)} a stream.
        </p>
      )}
      {trace.unparsed > 0 && (
        <p className="muted">{plural(trace.unparsed, 'line')} of strace's output could not be read.</p>
      )}
      {trace.segments.length > 0 && (
        <pre className="trace-output" data-testid="trace-output">
          {trace.trimmedChars > 0 && <span className="muted">… {trace.trimmedChars} characters earlier</span>}
          {trace.segments.map((segment, index) => (
            // Segments only grow at the end or drop from the front: the index with the text is stable enough.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <span key={index} className={segment.stream === 'stderr' ? 'stderr' : undefined}>
              {segment.text}
            </span>
          ))}
        </pre>
      )}
    </li>
  );
});
