import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gazetteBin, makeProject, runGazette } from './site-output.ts';

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

/**
 * Loads a page as a browser navigates to it. fetch() cannot: it always sends
 * `sec-fetch-mode: cors`, and the dev server adds its live-reload client only to navigations.
 */
function navigate(url: string): Promise<{ status: number; csp: string; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };
    get(`http://127.0.0.1:${port}${url}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const csp = String(response.headers['content-security-policy'] ?? '');
        resolve({ status: response.statusCode ?? 0, csp, body });
      });
    }).on('error', reject);
  });
}

/** Polls until `check` holds, for at most `seconds`; returns whether it did. */
async function eventually(check: () => Promise<boolean>, seconds = 20): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

// A stand-in xdg-open (this is Linux) on the server's PATH, recording what --open opens.
let opened: string;

beforeAll(async () => {
  root = await makeProject();
  const bin = path.join(root, '.bin');
  opened = path.join(bin, 'opened');
  await mkdir(bin);
  await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$*" > "${opened}"\n`);
  await chmod(path.join(bin, 'xdg-open'), 0o755);
  const args = ['serve', '--port', String(port), '--host', '127.0.0.1', '--open'];
  server = spawn(process.execPath, [gazetteBin, ...args], {
    cwd: root,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const up = await eventually(async () => (await page('/')).includes('<h1'));
  if (!up) throw new Error(`gazette serve did not start:\n${output}`);
});

afterAll(async () => {
  // The server may still be writing a search index: wait for it to exit before removing its project.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

describe('gazette serve', () => {
  test('listens on the --host given, says so, and opens that address with --open', async () => {
    expect(output).toContain(`Serving _site/ at http://127.0.0.1:${port}/\n`);
    const url = `http://127.0.0.1:${port}/\n`;
    expect(await eventually(async () => (await readFile(opened, 'utf8')) === url)).toBe(true);
  });

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

  test('shows content errors in the terminal and the browser, keeps _site/, and recovers', async () => {
    const home = path.join(root, '_site/index.html');
    const good = await readFile(home, 'utf8');
    const before = output.length;
    await appendFile(path.join(root, 'content', 'broken.md'), '---\narea: Nowhere\n---\n');
    // The report ends with what became of _site/: wait for that line, not its first.
    expect(
      await eventually(async () =>
        output.slice(before).includes('_site/ keeps the last good build'),
      ),
    ).toBe(true);
    expect(output.slice(before)).toContain('[required-field]');
    // Every page shows the located errors, with the live-reload client so it recovers by itself.
    const response = await navigate('/areas/');
    expect(response.status).toBe(500);
    const $ = load(response.body);
    expect($('h1').text()).toBe('The site was not rebuilt: 3 errors in the content');
    const errors = $('ol.build-errors li')
      .toArray()
      .map((li) => $(li).text());
    expect(errors[0]).toMatch(/^content\/broken\.md:\d+:\d+ .*\[required-field\]/);
    // Its one script is the dev server's live-reload client, allowed by its hash.
    expect($('script').length).toBe(1);
    expect(response.csp).toMatch(/^script-src 'sha512-/);
    // Assets still come from the last good build, which is untouched.
    expect((await fetch(`http://127.0.0.1:${port}/assets/style.css`)).status).toBe(200);
    expect(await readFile(home, 'utf8')).toBe(good);

    const fixed = output.length;
    await rm(path.join(root, 'content', 'broken.md'));
    expect(
      await eventually(async () => (await page('/')).includes('<meta property="og:type"')),
    ).toBe(true);
    expect(output.slice(fixed)).toMatch(/pages (updated|built) in \d+ ms/);
  });

  test('shows a template error in the browser instead of dying', async () => {
    const layout = path.join(root, 'templates/areas.njk');
    const original = await readFile(layout, 'utf8');
    await writeFile(layout, `${original}\n{{ undefinedFunction() }}\n`);
    expect(await eventually(async () => (await page('/')).includes('a template failed'))).toBe(
      true,
    );
    expect(await page('/')).toContain('undefinedFunction');
    await writeFile(layout, original);
    expect(await eventually(async () => (await page('/areas/')).includes('areas-table'))).toBe(
      true,
    );
  });

  test('refuses a build of the same project while it serves, naming itself, and keeps serving', async () => {
    const home = await readFile(path.join(root, '_site/index.html'), 'utf8');
    const run = await runGazette(['build'], { cwd: root, env: {} });
    expect(run.code).toBe(1);
    // The server runs under a watcher (serve-watch.ts), so its process is not the one spawned here.
    expect(run.stderr).toMatch(
      /^Another Gazette process is building this project: gazette serve \(process \d+ since /m,
    );
    expect(await readFile(path.join(root, '_site/index.html'), 'utf8')).toBe(home);
    expect(await page('/')).toContain('<meta property="og:type" content="website">');
  });
});
