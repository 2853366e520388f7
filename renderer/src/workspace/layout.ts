import * as v from 'valibot';

/** The side bar's sections, top to bottom. */
export const SECTIONS = ['clients', 'composer', 'echo', 'signals', 'alarm', 'script', 'trace'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** The bottom panel's tabs, left to right. */
export const TABS = ['log', 'output', 'signals', 'orders', 'sequence'] as const;
export type TabId = (typeof TABS)[number];

/** What can fill the workspace on its own: the timeline, or the bottom panel. */
export type Maximised = 'timeline' | 'bottom' | null;

export interface Layout {
  /** The side bar's width, px. */
  sideWidth: number;
  /** The bottom panel's height, px. */
  bottomHeight: number;
  tab: TabId;
  collapsed: SectionId[];
  maximised: Maximised;
}

export const DEFAULT_LAYOUT: Layout = {
  sideWidth: 380,
  bottomHeight: 280,
  tab: 'log',
  collapsed: [],
  maximised: null,
};

/** How far each splitter may go, px: the side bar keeps its forms usable, the timeline keeps a few lanes. */
export const SIDE_WIDTH = { min: 280, max: 640 } as const;
export const BOTTOM_HEIGHT = { min: 120, max: 720 } as const;
/**
 * What the timeline keeps of the window's height above the bottom panel, px: its toolbar, run buttons,
 * overview and legend (about 200 px at 1280 wide, more where they wrap) and a canvas of a few lanes.
 */
export const TIMELINE_MIN_HEIGHT = 380;
/** What the centre keeps of the window's width beside the side bar, px. */
export const CENTRE_MIN_WIDTH = 480;

const clamp = (value: number, min: number, max: number) => Math.round(Math.min(Math.max(value, min), max));

/** The side bar's width as dragged, within its bounds and the centre's share of `windowWidth`. */
export function sideWidthWithin(width: number, windowWidth: number): number {
  const max = Math.max(SIDE_WIDTH.min, Math.min(SIDE_WIDTH.max, windowWidth - CENTRE_MIN_WIDTH));
  return clamp(width, SIDE_WIDTH.min, max);
}

/** The bottom panel's height as dragged, within its bounds and the timeline's share of `centreHeight`. */
export function bottomHeightWithin(height: number, centreHeight: number): number {
  const max = Math.max(BOTTOM_HEIGHT.min, Math.min(BOTTOM_HEIGHT.max, centreHeight - TIMELINE_MIN_HEIGHT));
  return clamp(height, BOTTOM_HEIGHT.min, max);
}

const size = (bounds: { min: number; max: number }) =>
  v.pipe(v.number(), v.integer(), v.minValue(bounds.min), v.maxValue(bounds.max));

/** What is remembered of a layout: all but a maximised part. */
export type KeptLayout = Omit<Layout, 'maximised'>;

/** A remembered layout as local storage holds it; one written by another version or by hand is refused. */
export const KeptLayoutSchema = v.object({
  sideWidth: size(SIDE_WIDTH),
  bottomHeight: size(BOTTOM_HEIGHT),
  tab: v.picklist(TABS),
  collapsed: v.array(v.picklist(SECTIONS)),
});
