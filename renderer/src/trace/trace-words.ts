import type { Trace } from '../store/trace-slice';
import { shortCommand } from './sequence-model';

/** A title longer than this is cut: the list shows the whole command where there is room. */
const TITLE_CHARS = 80;

/** How a trace is named in lists and pickers: `#2 python3 signal1.py 12`, `#3 pid 41235 (attached)`. */
export function traceTitle(trace: Trace): string {
  if (trace.attached) return `#${trace.traceId} pid ${trace.pid ?? '?'} (attached)`;
  const title = `#${trace.traceId} ${shortCommand(trace.argv.join(' '))}`;
  return title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS - 1)}…` : title;
}
