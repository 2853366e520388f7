import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../main/engine/lab';
import { childrenDir } from '../paths';
import { TIMEOUT } from '../timeouts';

const run = promisify(execFile);

async function findNetcat(): Promise<string | null> {
  try {
    await run('nc', ['-h']);
    return 'nc';
  } catch (error) {
    // OpenBSD nc prints its usage and exits 1 for -h; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'nc';
  }
}

describe('netcat, a client nobody here wrote', () => {
  let lab: Lab;
  let port: number;
  let netcat: string | null;

  beforeAll(async () => {
    netcat = await findNetcat();
    lab = createLab({ host: 'web', childrenDir, echo: { port: 0 } });
    await lab.start();
    port = lab.info().echo.port;
  });
  afterAll(() => lab.shutdown());

  const cases = [
    ['client1', "server got: [b'client1']"],
    ["it's", `server got: [b"it's"]`],
  ] as const;
  for (const [message, reply] of cases) {
    it(`gets the classic reply for ${JSON.stringify(message)}`, async (ctx) => {
      if (!netcat) ctx.skip('netcat is not installed (Debian: apt-get install netcat-openbsd)');
      const child = execFile(netcat as string, ['-N', '127.0.0.1', String(port)], { timeout: TIMEOUT.child });
      child.stdin?.end(message);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('latin1');
      });
      await new Promise((resolve) => child.once('exit', resolve));
      expect(output).toBe(reply);
    });
  }
});
