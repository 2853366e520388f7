import { useRef } from 'react';
import type { LabState } from '../store/lab-store';
import { type LiveChild, listLiveChildren } from '../store/live-children';
import { useLab } from '../store/use-lab';

interface Listed {
  clients: LabState['clients'];
  targets: LabState['targets'];
  scripts: LabState['scripts'];
  childStates: LabState['childStates'];
  appPid: number | null;
  list: LiveChild[];
}

function sameChildren(a: readonly LiveChild[], b: readonly LiveChild[]): boolean {
  return (
    a.length === b.length &&
    a.every((child, i) => child.pid === b[i]?.pid && child.kind === b[i]?.kind && child.label === b[i]?.label)
  );
}

/**
 * The live children, as the same array until one starts, stops or ends: a client's connection, reply and
 * output change the clients' records at every batch of a run, and the signal form need not follow them.
 */
export function useLiveChildren(): LiveChild[] {
  const last = useRef<Listed | null>(null);
  return useLab((state) => {
    const { clients, targets, scripts, childStates } = state;
    const appPid = state.info?.pid ?? null;
    const seen = last.current;
    if (
      seen &&
      seen.clients === clients &&
      seen.targets === targets &&
      seen.scripts === scripts &&
      seen.childStates === childStates &&
      seen.appPid === appPid
    ) {
      return seen.list;
    }
    const list = listLiveChildren({ clients, targets, scripts, childStates, appPid });
    const kept = seen && sameChildren(seen.list, list) ? seen.list : list;
    last.current = { clients, targets, scripts, childStates, appPid, list: kept };
    return kept;
  });
}
