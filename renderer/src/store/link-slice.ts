import type { HistorySize, LabInfo, Snapshot } from '../../../contract/commands';
import type { SliceContext } from './slice';

export type LinkState = 'connecting' | 'live' | 'lost';

export interface LinkData {
  link: LinkState;
  /** Why the link is lost, in words. */
  linkMessage: string | null;
  info: LabInfo | null;
  /** The newest event applied; anything at or below it is a duplicate. */
  lastSeq: number;
  /** Lab time (µs) of the newest event applied. */
  lastT: number;
  /** Events the host's bounded history let go before we saw them. */
  evicted: number;
  /** Wall-clock ms at lab time 0 (the lab's startedAtMs); null before the hello reply. */
  clockOffsetMs: number | null;
  /** The retained history that follows the hello reply; it is in once lastSeq reaches its lastSeq. */
  history: HistorySize;
}

export interface LinkSlice extends LinkData {
  applySnapshot(snapshot: Snapshot): void;
  setLinkLost(reason: string): void;
}

const initialLink: LinkData = {
  link: 'connecting',
  linkMessage: null,
  info: null,
  lastSeq: 0,
  lastT: 0,
  evicted: 0,
  clockOffsetMs: null,
  history: { events: 0, lastSeq: 0 },
};

export function createLinkSlice({ set, get }: SliceContext): LinkSlice {
  return {
    ...initialLink,
    applySnapshot(snapshot) {
      set({
        info: snapshot.info,
        clockOffsetMs: snapshot.info.startedAtMs,
        // The info is the state now: the history that follows may start after older changes were evicted.
        echo: snapshot.info.echo,
        evicted: Math.max(get().evicted, snapshot.evicted),
        history: snapshot.history,
        link: get().link === 'lost' ? 'lost' : 'live',
      });
    },
    setLinkLost(reason) {
      set({ link: 'lost', linkMessage: reason });
    },
  };
}
