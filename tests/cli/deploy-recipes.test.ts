import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { makeFolder, repo } from './helpers.ts';

/**
 * The shipped deploy recipes build with --keep-going, publish when Gazette
 * exits 3 ("published with problems") and fail on any other error. Each
 * recipe's build command is run by bash, as the host runs it, with a stand-in
 * `npm` that records its arguments and exits with the code under test.
 */

interface Workflow {
  readonly jobs: Record<string, { readonly steps: { readonly name?: string; run?: string }[] }>;
}

/** The `run` script of the GitHub Pages workflow's build step. */
async function pagesBuildScript(): Promise<string> {
  const text = await readFile(path.join(repo, '.github/workflows/pages.yml'), 'utf8');
  const workflow = yaml.load(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = steps.find((s) => s.name === 'Build the site');
  if (step?.run === undefined) throw new Error('pages.yml has no "Build the site" step');
  return step.run;
}

/** `[build] command` of netlify.toml, read as TOML reads a one-line basic or literal string. */
async function netlifyBuildCommand(): Promise<string> {
  const text = await readFile(path.join(repo, 'netlify.toml'), 'utf8');
  const build = /^\[build\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const value = /^\s*command\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*$/m.exec(build)?.[1];
  if (value === undefined) throw new Error('netlify.toml has no [build] command');
  return value.startsWith("'") ? value.slice(1, -1) : (JSON.parse(value) as string);
}

/** Runs `script` with bash (`-e`, as GitHub Actions does) and an `npm` that exits `code`. */
async function runWithNpmExiting(script: string, code: number, bashFlags: string[]) {
  const bin = await makeFolder();
  const log = path.join(bin, 'npm-args');
  await writeFile(path.join(bin, 'npm'), `#!/bin/sh\necho "$*" > "${log}"\nexit ${code}\n`);
  await chmod(path.join(bin, 'npm'), 0o755);
  const result = spawnSync('bash', [...bashFlags, '-c', script], {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, npm: await readFile(log, 'utf8') };
}

describe('the GitHub Pages workflow', () => {
  test('builds with --keep-going', async () => {
    const run = await runWithNpmExiting(await pagesBuildScript(), 0, ['-e']);
    expect(run).toEqual({ status: 0, stdout: '', npm: 'run build -- --keep-going\n' });
  });

  test('treats exit 3 as published, with a warning annotation', async () => {
    const run = await runWithNpmExiting(await pagesBuildScript(), 3, ['-e']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      '::warning title=Published with problems::Release files with errors were left out; the build log names them and their errors.\n',
    );
  });

  test.each([1, 2, 70])('fails the deploy on exit %i', async (code) => {
    const run = await runWithNpmExiting(await pagesBuildScript(), code, ['-e']);
    expect([run.status, run.stdout]).toEqual([code, '']);
  });
});

describe('the Netlify recipe', () => {
  test('builds with --keep-going', async () => {
    const run = await runWithNpmExiting(await netlifyBuildCommand(), 0, []);
    expect(run).toEqual({ status: 0, stdout: '', npm: 'run build -- --keep-going\n' });
  });

  test('publishes on exit 3 and fails on any other error', async () => {
    const command = await netlifyBuildCommand();
    const statuses = [];
    for (const code of [3, 1, 2, 70])
      statuses.push((await runWithNpmExiting(command, code, [])).status);
    expect(statuses).toEqual([0, 1, 1, 1]);
  });
});
