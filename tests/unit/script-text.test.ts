import { describe, expect, it } from 'vitest';
import { endLine, textAfter, toTerminal } from '../../renderer/src/output/script-text';
import type { Script, Segment } from '../../renderer/src/store/scripts-slice';

function script(segments: Segment[], trimmedChars = 0, exit: Script['exit'] = null): Script {
  return {
    scriptId: 1,
    argv: ['x'],
    cwd: '',
    mode: 'pipe',
    shell: false,
    pid: 1,
    connId: null,
    unbuffered: null,
    startedAt: 0,
    lastOutputAt: 0,
    segments,
    chars: segments.reduce((n, s) => n + s.text.length, 0),
    trimmedChars,
    dropped: { stdout: 0, stderr: 0 },
    dropLimit: null,
    exit,
    error: null,
  };
}

describe('what the terminal is written, from the script text in the store', () => {
  it('returns only the text after what was written, across stream changes', () => {
    const s = script([
      { stream: 'stdout', text: 'one\n' },
      { stream: 'stderr', text: 'bad\n' },
      { stream: 'stdout', text: 'two\n' },
    ]);
    expect(textAfter(s, 0).pieces.map((p) => p.text)).toEqual(['one\n', 'bad\n', 'two\n']);
    expect(textAfter(s, 6)).toEqual({
      pieces: [
        { stream: 'stderr', text: 'd\n' },
        { stream: 'stdout', text: 'two\n' },
      ],
      total: 12,
      skipped: 0,
    });
    expect(textAfter(s, 12).pieces).toEqual([]);
  });

  it('counts text trimmed before it was written instead of pretending it was seen', () => {
    const s = script([{ stream: 'stdout', text: 'tail\n' }], 100);
    expect(textAfter(s, 40)).toEqual({
      pieces: [{ stream: 'stdout', text: 'tail\n' }],
      total: 105,
      skipped: 60,
    });
  });

  it('colours stderr red and leaves stdout (and its own colours) alone', () => {
    expect(toTerminal({ stream: 'stderr', text: 'oops' })).toBe('\u001b[31moops\u001b[39m');
    expect(toTerminal({ stream: 'stdout', text: '\u001b[32mok\u001b[0m' })).toBe('\u001b[32mok\u001b[0m');
  });

  it('ends with the exit status, or why the script could not run', () => {
    expect(endLine(script([]))).toBeNull();
    expect(endLine(script([], 0, { code: 0, signal: null }))).toBe('[exited with code 0]');
    expect(endLine(script([], 0, { code: null, signal: 'SIGTERM' }))).toBe('[killed by SIGTERM]');
    expect(endLine({ ...script([]), error: 'ENOENT' })).toBe('could not run: ENOENT');
  });
});
