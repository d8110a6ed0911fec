import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { CACHE_FOLDER, OUTPUT_FOLDER } from '../../src/model/project-paths.ts';
import { makeFolder, repo } from './helpers.ts';

/**
 * The shipped deploy recipes build with --keep-going, publish when Gazette
 * exits 3 ("published with problems") and fail on any other error. Each
 * recipe's build command is run by bash, as the host runs it, with a stand-in
 * `npm` that records its arguments and exits with the code under test.
 */

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

interface Workflow {
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>;
}

/** The steps of the GitHub Pages workflow's job that builds, in order. */
async function pagesBuildSteps(): Promise<readonly Step[]> {
  const text = await readFile(path.join(repo, '.github/workflows/pages.yml'), 'utf8');
  const workflow = yaml.load(text) as Workflow;
  const job = Object.values(workflow.jobs).find((j) =>
    j.steps.some((s) => s.name === 'Build the site'),
  );
  if (job === undefined) throw new Error('pages.yml has no "Build the site" step');
  return job.steps;
}

/** The `run` script of the GitHub Pages workflow's build step. */
async function pagesBuildScript(): Promise<string> {
  const step = (await pagesBuildSteps()).find((s) => s.name === 'Build the site');
  if (step?.run === undefined) throw new Error('pages.yml has no "Build the site" step');
  return step.run;
}

/** What an incremental build needs from the last one: the caches and the site. */
const CACHED = [CACHE_FOLDER, OUTPUT_FOLDER];

/** The lines of a multi-line `with:` value. */
const linesOf = (value: unknown) =>
  String(value ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '');

/** A key of a netlify.toml table, read as TOML reads a one-line basic or literal string. */
async function netlifySetting(table: string, key: string): Promise<string> {
  const text = await readFile(path.join(repo, 'netlify.toml'), 'utf8');
  const header = `^\\[${table.replace('.', '\\.')}\\]\\n`;
  const body = new RegExp(`${header}([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
  const value = new RegExp(`^\\s*${key}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|'[^']*')\\s*$`, 'm').exec(
    body,
  )?.[1];
  if (value === undefined) throw new Error(`netlify.toml has no [${table}] ${key}`);
  return value.startsWith("'") ? value.slice(1, -1) : (JSON.parse(value) as string);
}

/** `[build] command` of netlify.toml. */
const netlifyBuildCommand = () => netlifySetting('build', 'command');

// Node 20 reached its end of life in April 2026: a deploy builds on a line
// still supported, one that Gazette is tested on and package.json's engines allow.
const SUPPORTED_LTS = ['22', '24'];

/** Whether `major` (a Node release line) is allowed by package.json's `engines.node`. */
async function enginesAllow(major: string): Promise<boolean> {
  const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
    engines: { node: string };
  };
  const floor = /^>=(\d+)(?:\.(\d+))?$/.exec(pkg.engines.node);
  if (floor === null) throw new Error(`engines.node is not ">=x.y": ${pkg.engines.node}`);
  return Number(major) >= Number(floor[1]);
}

describe('the Node version the recipes build on', () => {
  test('is a supported LTS line that engines allow, in the Pages workflow', async () => {
    const setup = (await pagesBuildSteps()).find((s) => s.uses?.startsWith('actions/setup-node@'));
    const version = String(setup?.with?.['node-version']);
    expect(SUPPORTED_LTS).toContain(version);
    expect(await enginesAllow(version)).toBe(true);
  });

  test('is the same line on Netlify', async () => {
    const setup = (await pagesBuildSteps()).find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(await netlifySetting('build.environment', 'NODE_VERSION')).toBe(
      String(setup?.with?.['node-version']),
    );
  });
});

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

describe('the GitHub Pages workflow keeps the last build', () => {
  async function cacheSteps() {
    const steps = await pagesBuildSteps();
    const at = (uses: string) => steps.findIndex((s) => s.uses?.startsWith(`${uses}@`));
    const restore = steps[at('actions/cache/restore')];
    const save = steps[at('actions/cache/save')];
    const order = {
      install: steps.findIndex((s) => s.run === 'npm ci'),
      restore: at('actions/cache/restore'),
      build: steps.findIndex((s) => s.name === 'Build the site'),
      save: at('actions/cache/save'),
      upload: at('actions/upload-pages-artifact'),
    };
    if (restore === undefined || save === undefined) throw new Error('pages.yml caches nothing');
    return { restore, save, order };
  }

  test('restores it before the build and saves it after, before the upload', async () => {
    const { order } = await cacheSteps();
    const indices = Object.values(order);
    expect(indices).not.toContain(-1);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
  });

  test('restores and saves .cache/gazette and _site', async () => {
    const { restore, save } = await cacheSteps();
    expect(linesOf(restore.with?.path)).toEqual(CACHED);
    expect(linesOf(save.with?.path)).toEqual(CACHED);
  });

  test('keys it on the lockfile and Gazette’s code, with a new key for each run', async () => {
    const { restore, save } = await cacheSteps();
    const key = String(restore.with?.key ?? '');
    expect(key).toContain("hashFiles('package-lock.json', 'src/**')");
    expect(key).toMatch(/-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/);
    // Any earlier run with the same code and lockfile, the newest first: the key less its run.
    const prefix = key.replace(/\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/, '');
    expect(linesOf(restore.with?.['restore-keys'])).toEqual([prefix]);
    // Saved under the key restore looked for, not one worked out again after the build.
    expect(save.with?.key).toBe(`\${{ steps.${restore.id ?? '?'}.outputs.cache-primary-key }}`);
  });
});

describe('the Netlify recipe', () => {
  test('builds with --keep-going', async () => {
    const run = await runWithNpmExiting(await netlifyBuildCommand(), 0, []);
    expect(run).toEqual({ status: 0, stdout: '', npm: 'run build -- --keep-going\n' });
  });

  test('keeps .cache/gazette and _site in the build cache with netlify-plugin-cache', async () => {
    const text = await readFile(path.join(repo, 'netlify.toml'), 'utf8');
    const plugins = text.split(/^\[\[plugins\]\]\n/m).slice(1);
    const cache = plugins.find((p) => /^\s*package\s*=\s*"netlify-plugin-cache"\s*$/m.test(p));
    const paths = /^\s*\[plugins\.inputs\]\n\s*paths\s*=\s*(\[.*\])\s*$/m.exec(cache ?? '')?.[1];
    expect(JSON.parse(paths ?? 'null')).toEqual(CACHED);
  });

  test('publishes on exit 3 and fails on any other error', async () => {
    const command = await netlifyBuildCommand();
    const statuses = [];
    for (const code of [3, 1, 2, 70])
      statuses.push((await runWithNpmExiting(command, code, [])).status);
    expect(statuses).toEqual([0, 1, 1, 1]);
  });
});
