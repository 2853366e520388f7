import { type CSSProperties, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMediaQuery } from '../lib/use-media-query';
import { BottomPanel } from './BottomPanel';
import { BOTTOM_HEIGHT, bottomHeightWithin, SIDE_WIDTH, sideWidthWithin } from './layout';
import { useLayout } from './layout-store';
import { SideBar } from './SideBar';
import { Splitter } from './Splitter';
import { TimelinePanel } from './TimelinePanel';
import { useBoxSize } from './use-box-size';

/** Below this width the side bar is a rail of icons. */
const NARROW = '(max-width: 999px)';

/**
 * The window, with no page scroll: the side bar of controls, the timeline in the centre, and the logs
 * under it, split by bars the user drags. Sizes are kept as the user set them and fitted to the window
 * here, so a smaller window squeezes them without forgetting them.
 */
export function Workspace({ live }: { live: boolean }) {
  const body = useRef<HTMLDivElement>(null);
  const centre = useRef<HTMLDivElement>(null);
  const bodySize = useBoxSize(body);
  const centreSize = useBoxSize(centre);
  const narrow = useMediaQuery(NARROW);
  const { sideWidth, bottomHeight, maximised, setSideWidth, setBottomHeight } = useLayout(
    useShallow(({ sideWidth, bottomHeight, maximised, setSideWidth, setBottomHeight }) => ({
      sideWidth,
      bottomHeight,
      maximised,
      setSideWidth,
      setBottomHeight,
    })),
  );
  // Before the first measure, the window stands in for the boxes.
  const width = bodySize.width || window.innerWidth;
  const height = centreSize.height || window.innerHeight;
  const side = sideWidthWithin(sideWidth, width);
  const bottom = bottomHeightWithin(bottomHeight, height);
  const sideMax = sideWidthWithin(SIDE_WIDTH.max, width);
  const bottomMax = bottomHeightWithin(BOTTOM_HEIGHT.max, height);
  const style = { '--side-width': `${side}px`, '--bottom-height': `${bottom}px` } as CSSProperties;

  return (
    <div
      ref={body}
      className={`workspace-body ${narrow ? 'narrow' : ''}`}
      data-maximised={maximised ?? undefined}
      data-testid="workspace"
      style={style}
    >
      <SideBar narrow={narrow} />
      {!narrow && (
        <Splitter
          orientation="vertical"
          label="Resize the side bar"
          controls="side-bar"
          value={side}
          min={SIDE_WIDTH.min}
          max={sideMax}
          grows={1}
          onChange={(wanted) => setSideWidth(sideWidthWithin(wanted, width))}
        />
      )}
      <div ref={centre} className="workspace-centre">
        <div className="area-timeline">
          <TimelinePanel />
        </div>
        <Splitter
          orientation="horizontal"
          label="Resize the logs"
          controls="bottom-panel"
          value={bottom}
          min={BOTTOM_HEIGHT.min}
          max={bottomMax}
          grows={-1}
          onChange={(wanted) => setBottomHeight(bottomHeightWithin(wanted, height))}
        />
        <BottomPanel live={live} />
      </div>
    </div>
  );
}
