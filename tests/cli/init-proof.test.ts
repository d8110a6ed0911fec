import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BuiltSite, meta } from '../build/site-output.ts';
import { repo } from './helpers.ts';

/**
 * What a new publisher does, end to end, with the package as npm would ship
 * it: `npm pack`; install the tarball into an empty folder; `gazette init`;
 * `npm install` in the new project; `gazette new`, fill the release in and
 * `npm run build`; override a template and build again; `gazette --version`.
 *
 * No network: every npm command runs offline, with the packages `npm ci` left
 * in npm's cache. That cache holds the packages' tarballs but not the registry's
 * lists of their versions, so each install is given a lockfile naming exactly
 * the versions Gazette's own lockfile has (what a registry install resolves to
 * on the day it was made).
 */

const HOST = 'https://archive.westshire.example';
let work: string;
let tarball: string;
let project: string;

/** The environment of every command: npm offline and quiet, no Gazette settings inherited. */
function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Stops a process group and waits until none of it runs: the server holds the build lock. */
async function stopGroup(pid: number): Promise<void> {
  process.kill(-pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(-pid, 'SIGKILL');
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that must succeed, and returns what it printed. */
async function ok(command: string, args: readonly string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  }
  return result;
}

/**
 * A copy of the repository with what `npm pack` reads, so that its `prepare`
 * compiles into the copy's dist/ and never into the dist/ other tests run.
 * The repository's dist/ comes too: `prepare` keeps it when it is current (as
 * tests/cli/compiled.test.ts checks), and compiles it again when it is not.
 */
async function packableCopy(into: string): Promise<void> {
  for (const entry of [
    'package.json',
    'bin',
    'src',
    'scripts/compile.mjs',
    'tsconfig.json',
    'tsconfig.build.json',
    'dist',
    'templates',
    'LICENSE',
    'README.md',
    'netlify.toml',
    '.github/workflows/pages.yml',
  ]) {
    if (!existsSync(path.join(repo, entry))) continue;
    await cp(path.join(repo, entry), path.join(into, entry), { recursive: true });
  }
  // tsc and the type packages the compile needs.
  await symlink(path.join(repo, 'node_modules'), path.join(into, 'node_modules'));
}

/**
 * Writes the lockfile of a folder whose package.json depends on the tarball:
 * Gazette from the tarball, and every package Gazette runs with at the version
 * Gazette's own lockfile has, where npm would put it.
 */
async function writeLockfile(dir: string, spec: string): Promise<void> {
  const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as LockInput;
  const own = await read(path.join(dir, 'package.json'));
  const gazette = await read(path.join(repo, 'package.json'));
  const lock = (await read(path.join(repo, 'package-lock.json'))) as unknown as {
    packages: Record<string, { dev?: boolean }>;
  };
  const integrity = createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64');
  const packages: Record<string, unknown> = {
    '': { name: own.name, dependencies: own.dependencies },
    'node_modules/gazette': {
      version: gazette.version,
      resolved: spec,
      integrity: `sha512-${integrity}`,
      dependencies: gazette.dependencies,
      bin: gazette.bin,
      engines: gazette.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key !== '' && entry.dev !== true) packages[key] = entry;
  }
  const text = JSON.stringify({ name: own.name, lockfileVersion: 3, requires: true, packages });
  await writeFile(path.join(dir, 'package-lock.json'), `${text}\n`);
}

interface LockInput {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly bin?: unknown;
  readonly engines?: unknown;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'gazette-proof-'));
  // 1. npm pack.
  const source = path.join(work, 'gazette');
  await packableCopy(source);
  const packed = await ok('npm', ['pack', '--pack-destination', work], source);
  tarball = path.join(work, packed.stdout.trim().split('\n').at(-1) ?? '');
  const spec = `file:${tarball}`;
  const gazette = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  // 2. Install the tarball into an empty folder.
  const start = path.join(work, 'start');
  await mkdir(start);
  await writeFile(
    path.join(start, 'package.json'),
    JSON.stringify({
      name: 'start',
      private: true,
      dependencies: { gazette: spec },
      // As gazette init writes it, and as Gazette's own package.json has it.
      overrides: { 'gray-matter': { 'js-yaml': gazette.dependencies['js-yaml'] } },
    }),
  );
  await writeLockfile(start, spec);
  await ok('npm', ['install'], start);
  // 3. gazette init.
  const title = 'Westshire archive';
  const args = ['gazette', 'init', 'my-archive', '--title', title, '--url', HOST];
  await ok('npx', [...args, '--gazette-spec', spec], start);
  project = path.join(start, 'my-archive');
  // 4. npm install there, against the tarball.
  await writeLockfile(project, spec);
  await ok('npm', ['install'], project);
}, 240_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('a new publisher’s archive, from the packed tarball', () => {
  test('runs the compiled Gazette, with no sources and no tsx', () => {
    const installed = path.join(project, 'node_modules');
    expect(existsSync(path.join(installed, 'gazette/dist/cli/gazette.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'gazette/src'))).toBe(false);
    expect(existsSync(path.join(installed, 'tsx'))).toBe(false);
  });

  test('adds a release with gazette new, builds, and publishes on its own host', async () => {
    const made = await ok(
      'npx',
      ['gazette', 'new', '--area', 'Westshire', '--title', 'Flood warning for the Vell valley'],
      project,
    );
    const file = /^Created (\S+)$/m.exec(made.stdout)?.[1] ?? '';
    expect(file).toMatch(/^content\/westshire\/\d{4}\/flood-warning-for-the-vell-valley\.md$/);
    // Fill in the placeholders, as the editor would, and delete the example as the README says.
    const text = await readFile(path.join(project, file), 'utf8');
    await writeFile(
      path.join(project, file),
      text
        .replace(
          /https:\/\/example\.invalid\/[^\s]*/g,
          'https://www.westshire.police.example/news/flood/',
        )
        .replace(
          /TODO one or two sentences[^\n]*/,
          'The river is expected to burst its banks tonight.',
        )
        .replace(
          /^TODO: write the release here[^\n]*$/m,
          'Residents near the river should move to higher ground.',
        ),
    );
    await rm(path.join(project, 'content/example-area'), { recursive: true });
    const check = await run('npx', ['gazette', 'check'], project);
    expect(check.stdout).toMatch(/1 file checked: 0 errors, \d+ warnings?\n$/);
    expect(check.stdout).not.toContain('[placeholder]');

    const built = await ok('npm', ['run', 'build'], project);
    expect(built.stdout).toMatch(/Built 1 release into _site\//);
    expect(built.stderr).not.toMatch(/warning/);
    const site = await BuiltSite.read(path.join(project, '_site'));
    const home = site.page('/');
    expect(home('.site-title').text()).toBe('Westshire archive');
    expect(home('title').text()).toContain('Westshire archive');
    expect(home('link[rel=canonical]').attr('href')).toBe(`${HOST}/`);
    const release = site.pages.find((url) =>
      /\/flood-warning-for-the-vell-valley-\w+\/$/.test(url),
    );
    expect(release).toBeDefined();
    const $ = site.page(release ?? '');
    expect($('h1').text()).toBe('Flood warning for the Vell valley');
    expect($('link[rel=canonical]').attr('href')).toBe(`${HOST}${release}`);
    expect(meta($, 'og:image')).toBe(`${HOST}/assets/share.png`);
    const png = site.files.get('assets/share.png');
    expect(png?.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 120_000);

  test('npm start builds and serves the site', async () => {
    const port = 45000 + Math.floor(Math.random() * 2000);
    const args = ['start', '--', '--port', String(port), '--host', '127.0.0.1'];
    // Its own process group, so that stopping it stops the server npm started.
    const server = spawn('npm', args, {
      cwd: project,
      env: env(),
      detached: true,
      stdio: 'ignore',
    });
    try {
      let home = '';
      for (let i = 0; i < 200 && !home.includes('Westshire archive'); i++) {
        home = await fetch(`http://127.0.0.1:${port}/`)
          .then((response) => response.text())
          .catch(() => '');
        if (!home.includes('Westshire archive')) await new Promise((r) => setTimeout(r, 100));
      }
      expect(home).toContain('<a class="site-title" href="/">Westshire archive</a>');
    } finally {
      if (server.pid !== undefined) await stopGroup(server.pid);
    }
  }, 60_000);

  test('a template of the project’s own replaces the theme’s at the next build', async () => {
    const footer = path.join(project, 'templates/_includes/footer.njk');
    await mkdir(path.dirname(footer), { recursive: true });
    await writeFile(
      footer,
      '<footer class="site-footer"><p>Kept by the Westshire Archive Trust.</p></footer>\n',
    );
    await ok('npm', ['run', 'build'], project);
    const site = await BuiltSite.read(path.join(project, '_site'));
    expect(site.page('/')('footer').text().trim()).toBe('Kept by the Westshire Archive Trust.');
    expect(site.has('/assets/style.css')).toBe(true);
    expect(await readdir(path.join(project, 'templates'))).toEqual(['_includes']);
  }, 120_000);

  test('gazette --version names the installed version', async () => {
    const gazette = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await ok('npx', ['gazette', '--version'], project)).stdout).toBe(
      `${gazette.version}\n`,
    );
  });
});
