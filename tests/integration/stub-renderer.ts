import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A renderer folder holding a one-line index.html, for web hosts under test that need a page but not the app.
 * Made before the suite (or describe block) that calls this, removed after it; returns its path.
 */
export function withStubRenderer(): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-renderer-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>IPC Scope</title>');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
