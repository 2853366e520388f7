import type { Scenario } from '../context';
import type { ScenarioId } from '../options';
import { childStart } from './child-start';
import { echoBlackbox } from './echo-blackbox';
import { echoOverhead } from './echo-overhead';
import { eventsToPixels } from './events-to-pixels';
import { idleCost } from './idle-cost';
import { memory } from './memory';
import { spawnToScreen } from './spawn-to-screen';
import { straceParse } from './strace-parse';
import { timelineScale } from './timeline-scale';
import { traceSlowdown } from './trace-slowdown';

/** Every scenario, in the order the bench runs them (the numbers are the issue's). */
export const SCENARIOS: Record<ScenarioId, Scenario> = {
  'echo-overhead': echoOverhead,
  'echo-blackbox': echoBlackbox,
  'events-to-pixels': eventsToPixels,
  'timeline-scale': timelineScale,
  memory,
  'spawn-to-screen': spawnToScreen,
  'idle-cost': idleCost,
  'child-start': childStart,
  'strace-parse': straceParse,
  'trace-slowdown': traceSlowdown,
};
