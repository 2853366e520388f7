import type { Trace } from '../store/trace-slice';
import { shortCommand } from './sequence-model';

/** How a trace is named in lists and pickers: `#2 python3 signal1.py 12`, `#3 pid 41235 (attached)`. */
export function traceTitle(trace: Trace): string {
  if (trace.attached) return `#${trace.traceId} pid ${trace.pid ?? '?'} (attached)`;
  return `#${trace.traceId} ${shortCommand(trace.argv.join(' '))}`;
}
