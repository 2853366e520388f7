import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';
import { TEST_TIMEOUT, TIMEOUT } from '../timeouts';

const run = promisify(execFile);

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

interface Exception {
  check: string;
  file: string;
  reason: string;
}

describe('electronegativity scan of main/ and preload/', { timeout: TEST_TIMEOUT.heavy }, () => {
  it('finds nothing beyond the reviewed exceptions, each with its reason', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-scan-'));
    try {
      // Scanned together, so checks that span files (CSP, navigation limits) see both.
      await cp(path.join(repoRoot, 'main'), path.join(work, 'src/main'), { recursive: true });
      await cp(path.join(repoRoot, 'preload'), path.join(work, 'src/preload'), { recursive: true });
      const report = path.join(work, 'report.sarif');
      const cli = path.join(repoRoot, 'node_modules/@doyensec/electronegativity/dist/index.js');
      await run(process.execPath, [cli, '-i', path.join(work, 'src'), '-e', '45.5.0', '-r', '-o', report], {
        timeout: TIMEOUT.bulk,
      });
      const sarif = JSON.parse(await readFile(report, 'utf8')) as { runs: { results: SarifResult[] }[] };
      const findings = sarif.runs.flatMap((scan) => scan.results);
      const { exceptions } = JSON.parse(
        await readFile(path.join(repoRoot, 'tests/electronegativity-exceptions.json'), 'utf8'),
      ) as { exceptions: Exception[] };

      for (const exception of exceptions) expect(exception.reason.length).toBeGreaterThan(20);
      const unreviewed = findings
        .map((finding) => ({
          check: finding.ruleId,
          file: finding.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
          message: finding.message.text,
        }))
        .filter((finding) => !exceptions.some((e) => e.check === finding.check && e.file === finding.file));
      expect(unreviewed).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
