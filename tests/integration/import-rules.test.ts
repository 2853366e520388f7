import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';

const run = promisify(execFile);
const biome = path.join(repoRoot, 'node_modules/@biomejs/biome/bin/biome');

/**
 * The import rules of biome.json (no cycles; Electron only in main/electron and preload; the engine and web
 * host never reach into the Electron host; the contract and the renderer import no main, preload or Node; in
 * the renderer, lib/ < store/ < one folder per feature < app/), tried on files that break them, in a folder
 * laid out like the repo with the same configuration.
 */
describe('the import rules', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  /** Lints the given files (path → source) in a scratch repo with our biome.json; resolves with the rules that fired. */
  async function rulesBroken(files: Record<string, string>): Promise<string[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-imports-'));
    dirs.push(dir);
    await cp(path.join(repoRoot, 'biome.json'), path.join(dir, 'biome.json'));
    for (const [file, source] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), source);
    }
    const output = await run(process.execPath, [biome, 'lint', '--max-diagnostics=50', '.'], {
      cwd: dir,
    }).then(
      ({ stdout, stderr }) => stdout + stderr,
      (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
    );
    return [...new Set(output.match(/lint\/\w+\/\w+/g) ?? [])].sort();
  }

  it('lets the layers import what they may', async () => {
    expect(
      await rulesBroken({
        'main/engine/lab.ts': "import { MAX } from '../../contract/limits';\nexport const lab = MAX;\n",
        'contract/limits.ts': 'export const MAX = 1;\n',
        'main/electron/index.ts':
          "import { app } from 'electron';\nimport { lab } from '../engine/lab';\nexport const x = [app, lab];\n",
        'renderer/src/timeline/view.ts':
          "import { format } from '../lib/format';\nimport { useLab } from '../store/use-lab';\nimport { scale } from './scale';\nexport const v = [format, useLab, scale];\n",
        'renderer/src/app/App.tsx':
          "import { View } from '../timeline/view';\nimport { Log } from '../reply-log/log';\nexport const a = [View, Log];\n",
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'the engine loads Electron',
      'main/engine/fork.ts',
      "import { utilityProcess } from 'electron';\nexport const f = utilityProcess;\n",
    ],
    [
      'the web host reaches into the Electron host',
      'main/web/host.ts',
      "import { setupIpc } from '../electron/ipc';\nexport const h = setupIpc;\n",
    ],
    [
      'the contract imports Node',
      'contract/read.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    ],
    [
      'the renderer imports the engine',
      'renderer/src/x.ts',
      "import { createLab } from '../../main/engine/lab';\nexport const c = createLab;\n",
    ],
    [
      'a feature imports a sibling feature',
      'renderer/src/timeline/toolbar.ts',
      "import { SessionButtons } from '../session-files/SessionButtons';\nexport const t = SessionButtons;\n",
    ],
    [
      'a feature imports the app that assembles it',
      'renderer/src/signals/form.ts',
      "import { createApp } from '../app/create-app';\nexport const f = createApp;\n",
    ],
    [
      'a helper in lib/ imports the store',
      'renderer/src/lib/row.ts',
      "import type { Connection } from '../store/connections-slice';\nexport type R = Connection;\n",
    ],
    [
      'the store imports a feature',
      'renderer/src/store/clients-slice.ts',
      "import { spawnAsSet } from '../clients/spawn-request';\nexport const s = spawnAsSet;\n",
    ],
  ])('refuses a file where %s', async (_what, file, source) => {
    expect(await rulesBroken({ [file]: source })).toEqual(['lint/style/noRestrictedImports']);
  });

  it('refuses an import cycle', async () => {
    expect(
      await rulesBroken({
        'renderer/src/a.ts': "import { b } from './b';\nexport const a = (): unknown => b;\n",
        'renderer/src/b.ts': "import { a } from './a';\nexport const b = (): unknown => a;\n",
      }),
    ).toContain('lint/suspicious/noImportCycles');
  });
});
