import { createContext, useContext } from 'react';
import type { TimelineController } from './timeline-controller';

export const TimelineContext = createContext<TimelineController | null>(null);

export function useTimeline(): TimelineController {
  const timeline = useContext(TimelineContext);
  if (!timeline) throw new Error('useTimeline needs a TimelineContext provider above it');
  return timeline;
}
