import { execFileSync } from 'node:child_process';

/** Builds the child scripts, the hosts and the renderer once, so every suite runs what users run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
