// The renderer's app, built in Node the way the page builds it, for tests that drive it without a page.
import type { Bridge } from '../contract/bridge';
import { createApp } from '../renderer/src/app/create-app';
import type { WatchStatus } from '../renderer/src/bridge/link-status';
import type { NextFrame } from '../renderer/src/lib/animation-frame';

const noStatus: WatchStatus = () => () => {};

/** Outside a page, a timer of about one frame stands in for animation frames. */
const timerFrame: NextFrame = (callback) => {
  setTimeout(callback, 16);
};

export function labApp(
  bridge: Bridge,
  {
    nextFrame = timerFrame,
    watchStatus = noStatus,
  }: { nextFrame?: NextFrame; watchStatus?: WatchStatus } = {},
) {
  return createApp({ bridge, watchStatus }, { nextFrame, save() {} });
}
