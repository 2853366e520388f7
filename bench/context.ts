import type { Browser } from 'playwright-core';
import type { BenchOptions } from './options';
import type { ScenarioResult } from './results';

export interface BenchContext {
  options: BenchOptions;
  /** One Chromium for the whole run, launched on first use. */
  browser(): Promise<Browser>;
  progress(text: string): void;
}

export type Scenario = (ctx: BenchContext) => Promise<ScenarioResult>;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
