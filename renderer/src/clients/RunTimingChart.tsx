import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { positionHue } from '../lib/client-colour';
import { tickStep, ticks } from '../lib/ticks';
import { useLab } from '../store/use-lab';
import { alignRuns, type ClientTiming } from './run-timing';

/** Runs drawn; older ones are in the matrix. */
const RUN_LIMIT = 8;
const WIDTH = 720;
const LABEL_W = 64;
const AXIS_H = 20;
const RUN_H = 18;
const ROW_H = 9;
const PAD_RIGHT = 12;

function ClientBar({ client, x, y }: { client: ClientTiming; x: (ms: number) => number; y: number }) {
  const style = { '--hue': positionHue(client.position) } as CSSProperties;
  const end = client.exitMs ?? client.replyMs ?? client.spawnMs;
  return (
    <g
      className={`timing-client ${client.failed ? 'failed' : ''}`}
      style={style}
      data-testid="run-timing-client"
      data-client={client.clientId}
      data-spawn-ms={client.spawnMs}
      data-exit-ms={client.exitMs ?? ''}
    >
      <title>
        {`client ${client.clientId}: spawned at +${client.spawnMs.toFixed(1)} ms` +
          (client.replyMs === null ? ', no reply' : `, reply at +${client.replyMs.toFixed(1)} ms`) +
          (client.exitMs === null ? '' : `, exited at +${client.exitMs.toFixed(1)} ms`)}
      </title>
      <line x1={x(client.spawnMs)} x2={x(end)} y1={y} y2={y} />
      <circle className="spawn" cx={x(client.spawnMs)} cy={y} r={2.5} />
      {client.replyMs !== null && <circle className="reply" cx={x(client.replyMs)} cy={y} r={3.2} />}
      {client.exitMs !== null && <line className="exit" x1={x(end)} x2={x(end)} y1={y - 4} y2={y + 4} />}
    </g>
  );
}

/** The finished runs one under another, each from its own first spawn: the same program, other timings. */
export function RunTimingChart() {
  const runs = useLab((state) => state.runs);
  const clients = useLab((state) => state.clients);
  const timings = useMemo(() => alignRuns(runs.values(), clients, RUN_LIMIT), [runs, clients]);
  if (timings.runs.length === 0) return null;

  const plotW = WIDTH - LABEL_W - PAD_RIGHT;
  const spanMs = Math.max(timings.spanMs, 1);
  const x = (ms: number) => LABEL_W + (ms / spanMs) * plotW;
  const step = tickStep(spanMs * 1_000, plotW, 70) / 1_000;
  let height = AXIS_H;
  const rows = timings.runs.map((run) => {
    const top = height;
    height += RUN_H + run.clients.length * ROW_H;
    return { run, top };
  });
  height += 4;

  return (
    <figure className="run-timing-figure">
      <figcaption>
        Runs aligned at their first spawn, in ms: a line from spawn to exit, a dot at the reply, in each
        client's colour.
      </figcaption>
      <svg
        className="run-timing"
        data-testid="run-timing"
        data-runs={timings.runs.length}
        data-span-ms={timings.spanMs}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`The newest ${timings.runs.length} runs aligned at their first spawn, over ${timings.spanMs.toFixed(1)} ms`}
      >
        {ticks(0, spanMs, step).map((ms) => (
          <g key={ms} className="timing-tick">
            <line x1={x(ms)} x2={x(ms)} y1={AXIS_H - 4} y2={height} />
            <text x={x(ms)} y={AXIS_H - 8}>
              {`${Number(ms.toPrecision(6))} ms`}
            </text>
          </g>
        ))}
        {rows.map(({ run, top }) => (
          <g key={run.runId} data-testid="run-timing-run" data-run={run.runId}>
            <text className="timing-run" x={0} y={top + RUN_H / 2 + 4}>
              Run {run.runId}
            </text>
            {run.clients.map((client, i) => (
              <ClientBar key={client.clientId} client={client} x={x} y={top + RUN_H / 2 + 2 + i * ROW_H} />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
