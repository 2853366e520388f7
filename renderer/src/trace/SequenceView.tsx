import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../lib/EmptyState';
import { formatLabTime, plural } from '../lib/format';
import { useLab } from '../store/use-lab';
import { SequenceChart } from './SequenceChart';
import { SequenceDetails } from './SequenceDetails';
import { SequenceToolbar } from './SequenceToolbar';
import { layoutSequence } from './sequence-layout';
import { arrowsInWindow, buildSequence } from './sequence-model';
import type { SeqArrow, SequenceContext } from './sequence-types';
import type { TimeLink, TimeSpan } from './time-link';
import { useThrottled } from './use-throttled';
import './trace.css';

/** Rows drawn at most; the rest of the range is counted and reached by zooming the timeline. */
const MAX_ROWS = 600;
/** The chart is worked out again at most this often while traced events pour in. */
const REDRAW_MS = 150;
/** The timeline redraws every frame while live; the chart follows its range at this pace. */
const FOLLOW_MS = 250;

function useSequenceContext(): SequenceContext {
  const info = useLab((state) => state.info);
  const echoPort = useLab((state) => (state.echo?.listening ? state.echo.port : null));
  const clients = useLab((state) => state.clients);
  const composers = useLab((state) => state.composers);
  return useMemo(
    () => ({
      labPid: info?.pid ?? null,
      echoPort,
      labPorts: new Set([...composers.values()].map((composer) => composer.localPort)),
      clientPids: new Map([...clients.values()].map((client) => [client.pid, client.clientId])),
      signalNumbers: new Map(info?.signals.map((signal) => [signal.name, signal.number])),
    }),
    [info, echoPort, clients, composers],
  );
}

/** Pixels either side of the timeline's pointer whose arrows light up in the chart. */
const LIT_PX = 4;

const sameSpan = (a: TimeSpan | null, b: TimeSpan | null) => a?.start === b?.start && a?.end === b?.end;

/** The timeline's range and what its pointer is over, followed at FOLLOW_MS. */
function useLinkedTime(link: TimeLink | null) {
  const [state, setState] = useState<{ window: TimeSpan | null; pointer: TimeSpan | null }>({
    window: null,
    pointer: null,
  });
  useEffect(() => {
    if (!link) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      const window = link.window();
      const at = link.pointerTime();
      // What a few pixels around the pointer cover: the arrows there light up.
      const pointer = at ? { start: at.t - at.usPerPx * LIT_PX, end: at.t + at.usPerPx * LIT_PX } : null;
      setState((old) =>
        sameSpan(old.pointer, pointer) && sameSpan(old.window, window) ? old : { window, pointer },
      );
    };
    const stop = link.subscribe(() => {
      timer ??= setTimeout(read, FOLLOW_MS);
    });
    read();
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [link]);
  return state;
}

/** The chart with its toolbar: which trace, the legend, the SVG export, and the arrow that was clicked. */
export function SequenceView({ link }: { link: TimeLink | null }) {
  const traces = useThrottled(
    useLab((state) => state.traces),
    REDRAW_MS,
  );
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const context = useSequenceContext();
  const [chosen, setChosen] = useState<number | 'all' | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const { window, pointer } = useLinkedTime(link);

  const newest = [...traces.keys()].at(-1) ?? null;
  const shown = chosen ?? newest;
  const { sequence, facts } = useMemo(() => {
    const list = [...traces.values()].filter((trace) => shown === 'all' || trace.traceId === shown);
    const facts = list.reduce((sum, trace) => sum + trace.facts.length, 0);
    return { sequence: buildSequence(list, context), facts };
  }, [traces, shown, context]);
  const inRange = useMemo(() => arrowsInWindow(sequence.arrows, window), [sequence.arrows, window]);
  const layout = useMemo(
    () => layoutSequence(sequence.lifelines, inRange.length > MAX_ROWS ? inRange.slice(-MAX_ROWS) : inRange),
    [sequence.lifelines, inRange],
  );
  const drawn = layout.rows;

  // The line an arrow's hover drew on the timeline goes when the chart does (another tab, another trace).
  useEffect(() => () => link?.mark(null), [link]);

  if (traces.size === 0) {
    return (
      <EmptyState>
        Trace a program to see who said what to whom: each thread a lifeline, each message an arrow.
      </EmptyState>
    );
  }
  const hover = (arrow: SeqArrow | null) => link?.mark(arrow ? arrow.t0 : null);
  const select = (arrow: SeqArrow) => {
    setSelectedId(arrow.id);
    link?.reveal({ start: arrow.t0, end: arrow.t1 });
  };
  return (
    <div className="sequence-panel">
      <SequenceToolbar traces={traces} shown={shown} onShow={setChosen} svgRef={svgRef} />
      <p className="muted seq-count" aria-live="off">
        {plural(sequence.lifelines.length, 'lifeline')}, {plural(drawn.length, 'arrow')}
        {window &&
          inRange.length < sequence.arrows.length &&
          ` in the timeline's range (of ${sequence.arrows.length})`}
        {drawn.length < inRange.length &&
          `; the newest ${MAX_ROWS} of ${inRange.length}: zoom the timeline in`}
      </p>
      <SequenceChart
        layout={layout}
        lit={pointer}
        selectedId={selectedId}
        onHover={hover}
        onSelect={select}
        svgRef={svgRef}
        timeText={(t) => formatLabTime(t, clockOffsetMs)}
        range={window}
        facts={facts}
      />
      <SequenceDetails
        arrow={sequence.arrows.find((arrow) => arrow.id === selectedId) ?? null}
        lifelines={sequence.lifelines}
      />
    </div>
  );
}
