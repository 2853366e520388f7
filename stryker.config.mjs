// @ts-check
// `npm run mutate`: mutation testing of the contract, the engine's pure parts and the renderer's store and
// ingest, against the unit tests. Slow on 2 cores, so not part of `npm test`; the scores are in tests/README.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/mutate.vitest.config.ts', related: true },
  mutate: [
    'contract/**/*.ts',
    // The engine's pure parts, which unit tests drive; the rest is only tested with real processes
    // (tests/README.md says which and why).
    'main/engine/bytes-repr.ts',
    'main/engine/clock.ts',
    'main/engine/counter.ts',
    'main/engine/event-history.ts',
    'main/engine/event-log.ts',
    'main/engine/lab-client-message.ts',
    'main/engine/output-cap.ts',
    'main/engine/proc-net-tcp.ts',
    'main/engine/run-tracker.ts',
    'renderer/src/app/event-ingest.ts',
    'renderer/src/app/frame-queue.ts',
    'renderer/src/store/**/*.ts',
    '!renderer/src/store/use-lab.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 85, break: null },
};
