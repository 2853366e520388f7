import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { outDir, repoRoot } from '../paths';
import { TEST_TIMEOUT, TIMEOUT } from '../timeouts';

const run = promisify(execFile);
const ELECTRON_VERSION = '45.5.0';
// The fuse wire as a stock Electron binary carries it: sentinel, version 1, 8 fuses, their defaults.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_FUSES = '10110001';
const DISABLED = '0'.charCodeAt(0);
const ENABLED = '1'.charCodeAt(0);

/**
 * electron-builder cannot download Electron here, so it packages a stub "binary" that carries a real
 * fuse wire. That proves the config, the file set and the fuses, everything but Electron itself.
 */
describe('packaging with electron-builder --dir', () => {
  let work: string;
  let unpacked: string;
  let files: string[];

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-pack-'));
    const project = path.join(work, 'project');
    const stub = path.join(work, 'electron-stub');
    await mkdir(stub, { recursive: true });
    await writeFile(
      path.join(stub, 'electron'),
      Buffer.concat([
        Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`),
        Buffer.from([1, 8]),
        Buffer.from(STOCK_FUSES),
      ]),
      { mode: 0o755 },
    );
    await mkdir(project, { recursive: true });
    for (const file of ['package.json', 'electron-builder.yml']) {
      await cp(path.join(repoRoot, file), path.join(project, file));
    }
    await cp(outDir, path.join(project, 'out'), { recursive: true });
    await run(process.execPath, ['scripts/make-icons.mjs', '--out', path.join(project, 'assets/build')], {
      cwd: repoRoot,
    });
    const builder = path.join(repoRoot, 'node_modules/electron-builder/cli.js');
    await run(
      process.execPath,
      [
        builder,
        '--dir',
        '--linux',
        `-c.electronDist=${stub}`,
        `-c.electronVersion=${ELECTRON_VERSION}`,
        `-c.directories.output=${path.join(work, 'dist')}`,
      ],
      { cwd: project, timeout: TIMEOUT.packaging },
    );
    unpacked = path.join(work, 'dist/linux-unpacked');
    files = listPackage(path.join(unpacked, 'resources/app.asar'), { isPack: false }).map((file) =>
      file.replaceAll('\\', '/'),
    );
  }, TEST_TIMEOUT.slowest);

  afterAll(() => rm(work, { recursive: true, force: true }));

  it('puts the built main, preload and renderer in app.asar', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.cjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/out\/renderer\/assets\/index-.*\.js$/.test(file))).toBe(true);
  });

  it('unpacks the child scripts, which run as their own processes', async () => {
    for (const name of ['echo-client.cjs', 'thread-clients.cjs', 'signal-target.cjs', 'echo_client.py']) {
      const script = path.join(unpacked, 'resources/app.asar.unpacked/out/children', name);
      expect((await readFile(script)).length).toBeGreaterThan(0);
    }
  });

  it('ships no tests, sources, source maps, web host or dependencies', () => {
    const unwanted = files.filter((file) =>
      /(^\/(tests|main|preload|renderer\/src|contract|bench|scripts)\/)|\.tsx?$|\.map$|^\/node_modules\/|^\/out\/web\//.test(
        file,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  it('burns the fuses: run-as-node for the Node children, no inspector flags, no NODE_OPTIONS, asar only', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'ipc-scope'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLED);
  });

  it('has what the deb target and unsigned Apple Silicon builds need: a homepage, and a reset ad-hoc signature', async () => {
    const packed = JSON.parse(
      extractFile(path.join(unpacked, 'resources/app.asar'), 'package.json').toString(),
    );
    // electron-builder's FpmTarget refuses a deb without one: "Please specify project homepage".
    expect(packed.homepage).toMatch(/^https:\/\/\S+$/);
    const config = parseYaml(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8'));
    // Flipping fuses breaks the ad-hoc signature that lets an unsigned arm64 build launch.
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
  });
});
