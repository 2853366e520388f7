export type SplitArgv =
  | {
      ok: true;
      argv: string[];
      /** The first unquoted character a shell would treat specially (`|`, `>`, `$`...), if any. */
      shellSyntax: string | null;
    }
  | { ok: false; error: string };

const SPACE = /\s/;
const SHELL_SYNTAX = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '~', '#']);
// Inside double quotes a backslash only escapes these, as in POSIX sh.
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

/**
 * Splits a command line into argv the way sh does for plain words, '…', "…" and backslashes.
 * Anything else (pipes, redirects, variables, globs) is left as text and reported in `shellSyntax`.
 */
export function splitArgv(line: string): SplitArgv {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let shellSyntax: string | null = null;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (SPACE.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      i += 1;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: 'a single quote is not closed' };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      while (i < line.length && line[i] !== '"') {
        const next = line[i + 1];
        if (line[i] === '\\' && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
          word += next;
          i += 2;
        } else {
          word += line[i];
          i += 1;
        }
      }
      if (i >= line.length) return { ok: false, error: 'a double quote is not closed' };
      inWord = true;
      i += 1;
    } else if (ch === '\\') {
      const next = line[i + 1];
      if (next === undefined) return { ok: false, error: 'the line ends with a lone backslash' };
      word += next;
      inWord = true;
      i += 2;
    } else {
      if (shellSyntax === null && SHELL_SYNTAX.has(ch)) shellSyntax = ch;
      word += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, error: 'type a command to run' };
  return { ok: true, argv, shellSyntax };
}
