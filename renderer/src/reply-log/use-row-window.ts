import { useEffect, useState } from 'react';

export interface RowWindow {
  /** For the scrolling element. */
  ref: (element: HTMLElement | null) => void;
  /** Rows [first, end) are in view, give or take `overscan`. */
  first: number;
  end: number;
}

/**
 * Which rows of a scrolled list of fixed-height rows are in view. It keeps nothing per row, so a list that
 * grows by hundreds of rows a frame costs no more to lay out than a still one.
 */
export function useRowWindow(count: number, rowHeight: number, overscan: number): RowWindow {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const read = () => {
      const top = element.scrollTop;
      const height = element.clientHeight;
      setView((last) => (last.top === top && last.height === height ? last : { top, height }));
    };
    // No read now: the list has just been put in the page, and reading its height here would make the browser
    // lay the page out in the middle of React's commit. The observer's first call comes once the frame's own
    // layout is done, before it is painted.
    const controller = new AbortController();
    element.addEventListener('scroll', read, { passive: true, signal: controller.signal });
    const resize = new ResizeObserver(read);
    resize.observe(element);
    return () => {
      controller.abort();
      resize.disconnect();
    };
  }, [element]);
  return {
    ref: setElement,
    first: Math.max(0, Math.floor(view.top / rowHeight) - overscan),
    end: Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan),
  };
}
