import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cliReference } from './cli-reference.ts';
import { fieldTable } from './fields.ts';
import { formatMarkdown, replaceSection } from './markdown.ts';
import { rulesReference } from './rules-reference.ts';

/** The repository, which every path below is relative to. */
export const repo = path.resolve(import.meta.dirname, '../..');

/** The Markdown files of the documentation: README.md and docs/*.md. */
export async function docFiles(): Promise<string[]> {
  const docs = (await readdir(path.join(repo, 'docs'))).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.sort().map((name) => `docs/${name}`)];
}

/**
 * What the generated references should hold, by file: docs/cli.md whole, and
 * the generated sections of docs/editors.md and docs/rules.md, from the
 * schema, the command specs and the rule table. Pure but for reading the
 * hand-written files the sections sit in.
 */
export async function generatedReferences(): Promise<Map<string, string>> {
  const read = (file: string) => readFile(path.join(repo, file), 'utf8');
  const files = new Map<string, string>([
    ['docs/cli.md', cliReference()],
    ['docs/editors.md', replaceSection(await read('docs/editors.md'), 'fields', fieldTable())],
    ['docs/rules.md', replaceSection(await read('docs/rules.md'), 'rules', rulesReference())],
  ]);
  for (const [file, text] of files) files.set(file, await formatMarkdown(text, file));
  return files;
}
