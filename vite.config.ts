import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT } from './tests/timeouts';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1_000,
  },
  test: {
    root: '.',
    reporters: ['default', './tests/summary-reporter.ts'],
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/renderer/**/*.test.ts'],
          testTimeout: TEST_TIMEOUT.unit,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/bench-smoke.test.ts'],
          testTimeout: TEST_TIMEOUT.integration,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: TEST_TIMEOUT.e2e,
          hookTimeout: TEST_TIMEOUT.e2e,
          fileParallelism: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // The quick bench loads both cores and drives Chromium: it runs alone, once every timed test is done.
        test: {
          name: 'bench',
          include: ['tests/integration/bench-smoke.test.ts'],
          testTimeout: TEST_TIMEOUT.slowest,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
