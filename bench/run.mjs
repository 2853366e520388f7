// `npm run bench [-- --quick]`: bundles the bench (TypeScript) with esbuild next to the built app, then runs it.
import { spawn } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.resolve(root, process.env.IPC_SCOPE_OUT ?? 'out');
const benchOut = path.join(out, 'bench');
/** The orchestrator and the processes it starts, each measured on its own. */
const entries = [
  'main',
  'procs/bare-server',
  'procs/bare-spawn',
  'procs/echo-parts',
  'procs/load-gen',
  'procs/lab-host',
];

await rm(benchOut, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries.map((entry) => `bench/${entry}.ts`),
  outdir: benchOut,
  outbase: 'bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
});
// IPC_SCOPE_OUT may sit outside the repo: let the bundles find the repo's packages from there.
await mkdir(benchOut, { recursive: true });
await symlink(path.join(root, 'node_modules'), path.join(benchOut, 'node_modules'), 'dir');

const child = spawn(
  process.execPath,
  [path.join(benchOut, 'main.mjs'), '--out', out, '--root', root, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
