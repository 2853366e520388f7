import { type RefObject, useEffect, useRef, useState } from 'react';
import type { LabStore } from '../store/lab-store';
import { OutputView } from './output-view';
import { useColorScheme } from './use-color-scheme';

/** Creates the terminal once the host and mirror are in the DOM, shows `scriptId` in it, and follows the theme. */
export function useOutputView(
  host: RefObject<HTMLDivElement | null>,
  mirror: RefObject<HTMLDivElement | null>,
  store: LabStore,
  scriptId: number,
): OutputView | null {
  const scheme = useColorScheme();
  const initialScheme = useRef(scheme);
  const [view, setView] = useState<OutputView | null>(null);

  useEffect(() => {
    if (!host.current || !mirror.current) return;
    const created = new OutputView(host.current, mirror.current, initialScheme.current);
    setView(created);
    return () => {
      created.dispose();
      setView(null);
    };
  }, [host, mirror]);

  useEffect(() => view?.show(store, scriptId), [view, store, scriptId]);
  useEffect(() => view?.setScheme(scheme), [view, scheme]);
  return view;
}
