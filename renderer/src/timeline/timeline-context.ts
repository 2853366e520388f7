import { createContext, useContext } from 'react';
import type { TimelineData } from './timeline-data';

export const TimelineDataContext = createContext<TimelineData | null>(null);

export function useTimelineData(): TimelineData {
  const data = useContext(TimelineDataContext);
  if (!data) throw new Error('useTimelineData needs a TimelineDataContext provider above it');
  return data;
}
