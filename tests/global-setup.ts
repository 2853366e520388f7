import { execFileSync } from 'node:child_process';

/** Builds the child scripts, the hosts and the renderer once, so every suite runs what users run. */
export default function setup(): void {
  // Vitest sets NODE_ENV=test; the build must be the production one users get.
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
