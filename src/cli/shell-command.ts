/**
 * A Gazette command line as a hint prints it: `npx gazette <words>`, each
 * word quoted for a POSIX shell where needed. Through npx, because a project
 * has Gazette in node_modules/.bin, not on the PATH: a bare `gazette` is
 * "command not found" there.
 */
export function gazetteCommand(...words: readonly string[]): string {
  return ['npx gazette', ...words.map(shellWord)].join(' ');
}

/** `--root <dir>` when the project is not the current folder, else nothing. */
export function rootWords(root: string): string[] {
  return root === '.' ? [] : ['--root', root];
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
