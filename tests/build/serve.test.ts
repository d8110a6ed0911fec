import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliEntry, makeProject, tsxLoader } from './site-output.ts';

let root: string;
let server: ChildProcess;
let output = '';
const port = 41000 + Math.floor(Math.random() * 2000);

async function page(url: string): Promise<string> {
  // The dev server adds its live-reload client only to requests that accept HTML.
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    headers: { accept: 'text/html' },
  });
  return response.text();
}

/** Polls until `check` holds, for at most `seconds`; returns whether it did. */
async function eventually(check: () => Promise<boolean>, seconds = 20): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

beforeAll(async () => {
  root = await makeProject();
  server = spawn(
    process.execPath,
    ['--import', tsxLoader, cliEntry, 'serve', '--port', String(port)],
    {
      cwd: root,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const up = await eventually(async () => (await page('/')).includes('<h1'));
  if (!up) throw new Error(`gazette serve did not start:\n${output}`);
});

afterAll(async () => {
  server.kill();
  await rm(root, { recursive: true, force: true });
});

describe('gazette serve', () => {
  test('serves the built site, 404 page included', async () => {
    expect(await page('/')).toContain('<meta property="og:type" content="website">');
    expect(await page('/no/such/page/')).toContain('Page not found');
  });

  test('shows an edited release body without a restart, rendering only the pages that changed', async () => {
    const files = (await readdir(path.join(root, 'content'), { recursive: true })).filter((f) =>
      /\.(md|txt)$/.test(f),
    );
    const file = files.sort()[0] ?? '';
    const before = output.length;
    await appendFile(path.join(root, 'content', file), '\nAn editor added this sentence.\n');
    const shown = await eventually(
      async () =>
        /An editor added this sentence\./.test(output.slice(before)) ||
        /pages updated/.test(output.slice(before)),
    );
    expect(shown).toBe(true);
    expect(output.slice(before)).toMatch(/^\d+ of \d+ pages updated in \d+ ms$/m);
  });

  test('keeps serving the last good site when content has an error, and says so', async () => {
    const before = output.length;
    await appendFile(path.join(root, 'content', 'broken.md'), '---\narea: Nowhere\n---\n');
    expect(await eventually(async () => output.slice(before).includes('[required-field]'))).toBe(
      true,
    );
    expect(output.slice(before)).toContain('the last good site is still being served');
    expect(await page('/')).toContain('<h1');
  });
});
