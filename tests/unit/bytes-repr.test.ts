import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { echoReplyText, pythonBytesRepr } from '../../main/engine/bytes-repr';
import { findPython } from '../../main/engine/python';

/** Small seeded PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Bytes where repr() has decisions to make: quotes, backslash, named escapes, the 0x20/0x7f/0x80 edges.
const TRICKY = [0x27, 0x22, 0x5c, 0x09, 0x0a, 0x0d, 0x00, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff];

function randomBytes(next: () => number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(next() * 65));
  for (let i = 0; i < bytes.length; i++) {
    const pick = next();
    if (pick < 0.3) bytes[i] = TRICKY[Math.floor(next() * TRICKY.length)] as number;
    else if (pick < 0.7) bytes[i] = 0x20 + Math.floor(next() * 0x5f);
    else bytes[i] = Math.floor(next() * 256);
  }
  return bytes;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');

describe('pythonBytesRepr', () => {
  it.each([
    ['client1', "b'client1'"],
    ["it's", `b"it's"`],
    [`both ' and "`, `b'both \\' and "'`],
    ['say "hi"', `b'say "hi"'`],
    ['back\\slash', "b'back\\\\slash'"],
    ['\t\n\r', "b'\\t\\n\\r'"],
    ['', "b''"],
    ["'", `b"'"`],
    ['"', `b'"'`],
    ["\\'", `b"\\\\'"`],
  ])('writes %j as Python does', (input, expected) => {
    expect(pythonBytesRepr(ascii(input))).toBe(expected);
  });

  it('writes control and high bytes as lowercase \\xNN', () => {
    expect(pythonBytesRepr(Uint8Array.of(0x00, 0x01, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xab, 0xff))).toBe(
      "b'\\x00\\x01\\x1f ~\\x7f\\x80\\xab\\xff'",
    );
  });

  it('reads only the bytes of a view, not the rest of its buffer', () => {
    const whole = ascii("xx'abc\0yy");
    expect(pythonBytesRepr(whole.subarray(3, 7))).toBe("b'abc\\x00'");
  });

  it('matches real Python for thousands of random byte strings', async (ctx) => {
    const found = await findPython();
    const python = found.available ? found.executable : null;
    ctx.skip(python === null, 'python3 is not installed, so only the fixed vectors ran');
    const seed = Math.floor(Math.random() * 2 ** 32);
    const next = prng(seed);
    const samples = Array.from({ length: 5_000 }, () => randomBytes(next));
    // One process for every sample: hex lines in, repr lines out.
    const script = 'import sys\nfor line in sys.stdin:\n    print(repr(bytes.fromhex(line.strip())))\n';
    const run = spawnSync(python as string, ['-c', script], {
      input: `${samples.map((bytes) => Buffer.from(bytes).toString('hex')).join('\n')}\n`,
      encoding: 'utf8',
      timeout: 15_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const expected = run.stdout.split('\n').slice(0, samples.length);
    expect(expected).toHaveLength(samples.length);
    const first = samples.findIndex((bytes, i) => pythonBytesRepr(bytes) !== expected[i]);
    const where =
      first === -1 ? '' : `seed ${seed}, hex ${Buffer.from(samples[first] as Uint8Array).toString('hex')}`;
    expect(first === -1 ? null : pythonBytesRepr(samples[first] as Uint8Array), where).toBe(
      first === -1 ? null : expected[first],
    );
  });
});

describe('echoReplyText', () => {
  it("answers b'client1' the way the classic server does", () => {
    expect(echoReplyText(ascii('client1'))).toBe("server got: [b'client1']");
  });

  it('is pure ASCII, so written as latin1 it is one byte per character', () => {
    const text = echoReplyText(Uint8Array.of(0x27, 0xff, 0x00));
    expect(text).toBe(`server got: [b"'\\xff\\x00"]`);
    expect(Buffer.from(text, 'latin1').length).toBe(text.length);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
  });
});
