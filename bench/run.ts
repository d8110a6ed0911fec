// `npm run bench -- --releases N [--runs K]`: builds a synthetic corpus and reports
// build time and peak memory. Timings are for reading, never asserted by tests.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.ts';

const { values } = parseArgs({
  options: {
    releases: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(values.releases);
const runs = Number(values.runs);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
  throw new Error('--releases and --runs take positive whole numbers');
}

const repo = path.resolve(import.meta.dirname, '..');
const project = await mkdtemp(path.join(tmpdir(), 'gazette-bench-'));
try {
  await cp(path.join(repo, 'templates'), path.join(project, 'templates'), { recursive: true });
  const site = JSON.parse(
    await import('node:fs').then((fs) => fs.readFileSync(path.join(repo, 'site.json'), 'utf8')),
  );
  await writeFile(
    path.join(project, 'site.json'),
    JSON.stringify({ ...site, contentDir: 'content' }),
  );
  const started = performance.now();
  await writeCorpus(path.join(project, 'content'), count);
  process.stdout.write(
    `corpus: ${count} releases written in ${((performance.now() - started) / 1000).toFixed(1)} s to ${project}\n`,
  );

  const cold: { ms: number; peakMb: number; pages: number }[] = [];
  for (let run = 0; run < runs; run++) {
    await rm(path.join(project, '_site'), { recursive: true, force: true });
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'bench/child-build.ts'), project],
      {
        cwd: repo,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const line = output.trim().split('\n').at(-1) ?? '{}';
    cold.push(JSON.parse(line));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const table = [
    '| releases | cores | runs | pages | cold build (median) | peak RSS (median) |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${count} | ${availableParallelism()} | ${runs} | ${cold[0]?.pages ?? 0} | ${(median(cold.map((c) => c.ms)) / 1000).toFixed(1)} s | ${median(cold.map((c) => c.peakMb)).toFixed(0)} MB |`,
  ];
  process.stdout.write(`${table.join('\n')}\n`);
} finally {
  if (values.keep !== true) await rm(project, { recursive: true, force: true });
}
