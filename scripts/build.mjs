// Builds everything the hosts run into out/: the Node side with esbuild, the renderer with Vite.
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// IPC_SCOPE_OUT lets parallel test runs build into folders of their own.
const out = path.resolve(root, process.env.IPC_SCOPE_OUT ?? 'out');
const nodeOnly = process.argv.includes('--node-only');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Packages are bundled (the packaged app ships no node_modules, and the sandboxed preload can load none),
  // except Electron, which is the runtime, and ws, which only the web host loads, beside node_modules.
  external: ['electron', 'ws'],
};

async function buildNode() {
  const childrenDir = path.join(root, 'main/engine/children');
  const childScripts = (await readdir(childrenDir)).filter((name) => name.endsWith('.ts'));
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: ['main/electron/index.ts'],
      outfile: path.join(out, 'main/index.cjs'),
      format: 'cjs',
    }),
    esbuild({
      ...common,
      entryPoints: ['preload/index.ts'],
      outfile: path.join(out, 'preload/index.cjs'),
      format: 'cjs',
    }),
    esbuild({
      ...common,
      entryPoints: ['main/web/serve.ts'],
      outfile: path.join(out, 'web/serve.mjs'),
      format: 'esm',
    }),
    esbuild({
      ...common,
      entryPoints: childScripts.map((name) => `main/engine/children/${name}`),
      outdir: path.join(out, 'children'),
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
    }),
  ]);
  await mkdir(path.join(out, 'children'), { recursive: true });
  for (const name of await readdir(childrenDir)) {
    if (name.endsWith('.py')) await cp(path.join(childrenDir, name), path.join(out, 'children', name));
  }
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: path.join(out, 'renderer') },
  });
}

for (const dir of ['main', 'preload', 'web', 'children']) {
  await rm(path.join(out, dir), { recursive: true, force: true });
}
await buildNode();
if (!nodeOnly) await buildRenderer();
