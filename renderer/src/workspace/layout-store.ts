import { create } from 'zustand';
import { forgetStored, readStored, writeStored } from '../lib/local-storage';
import {
  DEFAULT_LAYOUT,
  type KeptLayout,
  KeptLayoutSchema,
  type Layout,
  type Maximised,
  type SectionId,
  type TabId,
} from './layout';

const LAYOUT_KEY = 'ipc-scope:layout';

interface LayoutStore extends Layout {
  setSideWidth(width: number): void;
  setBottomHeight(height: number): void;
  showTab(tab: TabId): void;
  toggleSection(section: SectionId): void;
  /** Fills the workspace with `part`, or gives the others back if it already fills it. */
  toggleMaximised(part: Exclude<Maximised, null>): void;
  /** The layout a first start has, and nothing remembered. */
  reset(): void;
}

const keptOf = ({ sideWidth, bottomHeight, tab, collapsed }: Layout): KeptLayout => ({
  sideWidth,
  bottomHeight,
  tab,
  collapsed,
});

/** Shows `tab` in the bottom panel: what the user just started is seen there (a script's output, a signal). */
export function revealTab(tab: TabId): void {
  useLayout.getState().showTab(tab);
}

/**
 * The workspace's layout, remembered in this browser's local storage across reloads and restarts; a part
 * maximised is not, so the app never starts with its controls out of sight.
 */
export const useLayout = create<LayoutStore>()((set, get) => {
  const change = (patch: Partial<Layout>) => {
    set(patch);
    writeStored(LAYOUT_KEY, keptOf(get()));
  };
  return {
    ...DEFAULT_LAYOUT,
    ...readStored(LAYOUT_KEY, KeptLayoutSchema, keptOf(DEFAULT_LAYOUT)),
    setSideWidth: (sideWidth) => change({ sideWidth }),
    setBottomHeight: (bottomHeight) => change({ bottomHeight }),
    showTab: (tab) => change({ tab, maximised: get().maximised === 'timeline' ? null : get().maximised }),
    toggleSection(section) {
      const { collapsed } = get();
      change({
        collapsed: collapsed.includes(section)
          ? collapsed.filter((id) => id !== section)
          : [...collapsed, section],
      });
    },
    toggleMaximised: (part) => change({ maximised: get().maximised === part ? null : part }),
    reset() {
      set(DEFAULT_LAYOUT);
      forgetStored(LAYOUT_KEY);
    },
  };
});
