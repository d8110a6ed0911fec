import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { gazetteBin, makeProject } from './site-output.ts';

// `gazette serve` on a project with the theme alone, which then makes overrides of its own.
let root: string;
let server: ChildProcess;
let output = '';
const port = 43000 + Math.floor(Math.random() * 2000);

async function footer(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
  return load(await response.text())('footer')
    .text()
    .trim();
}

async function eventually(check: () => Promise<boolean>, seconds = 20): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

beforeAll(async () => {
  root = await makeProject();
  await rm(path.join(root, 'templates'), { recursive: true });
  const args = ['serve', '--port', String(port), '--host', '127.0.0.1'];
  server = spawn(process.execPath, [gazetteBin, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const up = await eventually(async () => (await footer()).includes('Fixture Gazette'));
  if (!up) throw new Error(`gazette serve did not start:\n${output}`);
});

afterAll(async () => {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

test('serve shows an override made after it started, an edit to it, and the theme once it goes', async () => {
  const partial = path.join(root, 'templates/_includes/footer.njk');
  await mkdir(path.dirname(partial), { recursive: true });
  await writeFile(partial, '<footer><p>Kept by the Westshire Archive Trust.</p></footer>\n');
  expect(
    await eventually(async () => (await footer()) === 'Kept by the Westshire Archive Trust.'),
  ).toBe(true);
  await writeFile(partial, '<footer><p>Kept by the Westshire Archive Society.</p></footer>\n');
  expect(
    await eventually(async () => (await footer()) === 'Kept by the Westshire Archive Society.'),
  ).toBe(true);
  await rm(path.join(root, 'templates'), { recursive: true });
  expect(await eventually(async () => (await footer()).includes('Fixture Gazette'))).toBe(true);
  expect(output).not.toContain('Stopped watching');
});
