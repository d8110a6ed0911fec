// `npm run docs`: writes the generated references (docs/cli.md, the field
// table in docs/editors.md, the rule tables in docs/rules.md) and fills every
// ```console example in README.md and docs/*.md with what its commands print.
// tests/docs/ fails when a committed file differs from what this writes.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fillExamples, findExamples, normaliseOutput, runExample } from './docs/examples.ts';
import { docFiles, generatedReferences, repo } from './docs/references.ts';

const written: string[] = [];
const update = async (file: string, text: string) => {
  const full = path.join(repo, file);
  if ((await readFile(full, 'utf8').catch(() => '')) === text) return;
  await writeFile(full, text);
  written.push(file);
};

for (const [file, text] of await generatedReferences()) await update(file, text);
for (const file of await docFiles()) {
  const text = await readFile(path.join(repo, file), 'utf8');
  const examples = findExamples(file, text);
  const outputs: string[] = [];
  for (const example of examples) outputs.push(await runExample(example));
  const filled = fillExamples(text, examples, outputs);
  // Timings differ on every run: a file whose examples differ only there stays as it is.
  if (normaliseOutput(filled) !== normaliseOutput(text)) await update(file, filled);
}
process.stdout.write(
  written.length === 0 ? 'The docs are up to date.\n' : `Updated ${written.join(', ')}.\n`,
);
