import { StrokeIcon } from '../lib/StrokeIcon';
import type { SectionId } from './layout';

/** Stroke paths on a 24-unit square, one per side bar section. */
const PATHS: Record<SectionId, string> = {
  // Three clients with arrows to one point: the race.
  clients: 'M3 5h6M3 12h6M3 19h6M9 5l8 7M9 12h8M9 19l8-7M17 12h4',
  // A paper plane: a message sent by hand.
  composer: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  // A server: two stacked boxes with their lights.
  echo: 'M4 4h16v7H4zM4 13h16v7H4zM7 7.5h.01M7 16.5h.01M11 7.5h6M11 16.5h6',
  // A bolt.
  signals: 'M13 2 4 14h7l-1 8 9-12h-7z',
  // A clock with its bells.
  alarm: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM12 9v4l2.5 2M3 6l3-3M21 6l-3-3',
  // A prompt.
  script: 'M3 4h18v16H3zM7 9l3 3-3 3M12 15h5',
  // Two lifelines and the messages between them: a sequence chart.
  trace: 'M5 3v18M19 3v18M5 7h13l-3-2M19 12H6l3 2M5 17h13l-3-2',
};

export function SectionIcon({ section }: { section: SectionId }) {
  return <StrokeIcon d={PATHS[section]} box={24} size={18} />;
}
