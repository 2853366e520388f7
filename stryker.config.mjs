// @ts-check
// `npm run mutate`: mutation testing of the contract, the engine's pure parts and the renderer's store and
// ingest, against the unit tests. Slow on 2 cores, so not part of `npm test`; the scores are in tests/README.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/mutate.vitest.config.ts', related: true },
  mutate: [
    'contract/**/*.ts',
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
