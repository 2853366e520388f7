import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT } from './timeouts';

// The tests that mutation testing runs: the unit ones, which need no build, no browser and no children, so a
// mutant is judged in milliseconds. `npm run mutate` uses it (stryker.config.mjs).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/renderer/**/*.test.ts'],
    // Real signals to the test process: Stryker's runner has no handler for them, so they would end it.
    exclude: ['tests/unit/alarm.test.ts'],
    testTimeout: TEST_TIMEOUT.unit,
  },
});
