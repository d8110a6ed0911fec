/** `n` and the word for that many: `1 error`, `2 errors`; `words` when the plural is not `word` + s. */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
