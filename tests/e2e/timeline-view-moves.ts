import type { Page } from 'playwright-core';

/** The one DOM API the page function needs: this file is also type-checked without the DOM's types (the bench). */
interface PageObserver {
  MutationObserver: new (
    callback: () => void,
  ) => {
    observe(target: unknown, options: { attributes: boolean; attributeFilter: string[] }): void;
    disconnect(): void;
  };
}

/**
 * How many times the timeline's view moved in `ms`: each draw that moves it sets its end. While the view follows
 * live every draw moves it, so this counts the draws; a draw of a view that stays put is not seen.
 */
export function timelineViewMovesIn(page: Page, ms: number): Promise<number> {
  return page.getByTestId('timeline').evaluate(
    (timeline, ms) =>
      new Promise<number>((resolve) => {
        let draws = 0;
        const observer = new (globalThis as unknown as PageObserver).MutationObserver(() => {
          draws += 1;
        });
        observer.observe(timeline, { attributes: true, attributeFilter: ['data-view-end-us'] });
        setTimeout(() => {
          observer.disconnect();
          resolve(draws);
        }, ms);
      }),
    ms,
  );
}
