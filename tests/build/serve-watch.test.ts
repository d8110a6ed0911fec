import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeProject, tsxLoader } from './site-output.ts';

/**
 * `gazette serve` restarts itself when Gazette's own TypeScript changes. The
 * test edits a copy of the sources, never the repository's.
 */

const repo = fileURLToPath(new URL('../../', import.meta.url));
const port = 43000 + Math.floor(Math.random() * 2000);
const cleanup: string[] = [];
let app: string;
let server: ChildProcess;
let output = '';

async function home(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return response.status;
}

async function eventually(check: () => Promise<boolean>, seconds = 30): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), 'gazette-app-'));
  cleanup.push(app);
  for (const part of ['src', 'package.json', 'tsconfig.json']) {
    await cp(path.join(repo, part), path.join(app, part), { recursive: true });
  }
  await symlink(path.join(repo, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  const root = await makeProject();
  cleanup.push(root);
  server = spawn(
    process.execPath,
    ['--import', tsxLoader, path.join(app, 'src/cli/gazette.ts'), 'serve', '--port', String(port)],
    { cwd: root, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  if (!(await eventually(async () => (await home()) === 200))) {
    throw new Error(`gazette serve did not start:\n${output}`);
  }
});

afterAll(async () => {
  server.kill();
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('gazette serve and its own code', () => {
  test('restarts with the new code when a source file changes, and serves again', async () => {
    const serve = path.join(app, 'src/cli/serve.ts');
    const before = output;
    await writeFile(
      serve,
      (await readFile(serve, 'utf8')).replace('say(`Serving ${', 'say(`Serving the new code: ${'),
    );
    const restarted = await eventually(async () => output.includes('Serving the new code: _site/'));
    expect(restarted, output.slice(before.length)).toBe(true);
    expect(await home()).toBe(200);
  });

  test('stops, server and watcher both, on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await eventually(async () => (await home().catch(() => 0)) === 0, 10)).toBe(true);
  });
});
