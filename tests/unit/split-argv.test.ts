import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../renderer/src/lib/split-argv';
import { stripAnsi } from '../../renderer/src/output/strip-ansi';

function argv(line: string): string[] {
  const result = splitArgv(line);
  if (!result.ok) throw new Error(result.error);
  return result.argv;
}

describe('splitArgv', () => {
  it('splits plain words on any run of whitespace', () => {
    expect(argv('  ls   -l\t/tmp ')).toEqual(['ls', '-l', '/tmp']);
  });

  it('keeps single-quoted text literally, backslashes included', () => {
    expect(argv(`echo 'a  b' 'c\\n'`)).toEqual(['echo', 'a  b', 'c\\n']);
  });

  it('unescapes only \\" \\\\ \\$ and \\` inside double quotes', () => {
    expect(argv('echo "say \\"hi\\" \\$HOME \\n"')).toEqual(['echo', 'say "hi" $HOME \\n']);
  });

  it('joins quoted and unquoted parts of one word and keeps empty quoted words', () => {
    expect(argv(`python3 -c 'print(1)'"" x"y"z ''`)).toEqual(['python3', '-c', 'print(1)', 'xyz', '']);
  });

  it('treats a backslash outside quotes as escaping the next character', () => {
    expect(argv('cat my\\ file.txt')).toEqual(['cat', 'my file.txt']);
  });

  it('reports unclosed quotes and a trailing backslash instead of guessing', () => {
    expect(splitArgv(`echo 'oops`)).toEqual({ ok: false, error: 'a single quote is not closed' });
    expect(splitArgv('echo "oops')).toEqual({ ok: false, error: 'a double quote is not closed' });
    expect(splitArgv('echo \\')).toEqual({ ok: false, error: 'the line ends with a lone backslash' });
    expect(splitArgv('   ')).toEqual({ ok: false, error: 'type a command to run' });
  });

  it('points out unquoted shell syntax but not the same characters in quotes', () => {
    expect(splitArgv('ls | wc -l')).toMatchObject({ ok: true, shellSyntax: '|' });
    expect(splitArgv(`echo '$HOME > x'`)).toMatchObject({ ok: true, shellSyntax: null });
  });
});

describe('stripAnsi', () => {
  it('removes colour, cursor and title sequences and keeps the text', () => {
    expect(stripAnsi('\u001b[1;31mred\u001b[0m \u001b[2K\u001b]0;title\u0007done')).toBe('red done');
  });
});
