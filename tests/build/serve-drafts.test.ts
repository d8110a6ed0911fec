import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { gazetteBin, makeProject } from './site-output.ts';

/** `gazette serve` is a preview: it shows drafts and embargoed releases, marked. */

let root: string;
let server: ChildProcess;
let output = '';
const port = 43000 + Math.floor(Math.random() * 2000);

const DRAFT_URL = '/2023/08/01/road-survey-on-the-tollerby-bypass-5pifxc/';
const EMBARGOED_URL = '/2024/02/15/harbour-wall-repairs-begin-sc2phb/';

async function page(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${url}`);
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  root = await makeProject();
  const add = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  await add(
    'content/ashwick-vale/road-survey.md',
    '---\narea: Ashwick Vale\ntitle: Road survey on the Tollerby bypass\nurl: https://www.ashwick.police.example/news/road-survey/\ndraft: true\npublish:\n  date: 10:00 01/08/2023\n---\n\nOne lane will close overnight.\n',
  );
  await add(
    'content/corriston-isles/harbour-wall.md',
    '---\narea: Corriston Isles\ntitle: Harbour wall repairs begin\nurl: https://www.corriston.police.example/news/harbour-wall/\npublish:\n  date: 10:00 15/02/2024\n---\n\nRepairs begin on Thursday.\n',
  );
  server = spawn(process.execPath, [gazetteBin, 'serve', '--port', String(port)], {
    cwd: root,
    env: { PATH: process.env.PATH, GAZETTE_NOW: '2024-01-01T12:00:00Z' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  for (let i = 0; i < 300; i++) {
    if ((await page('/').catch(() => ({ status: 0, text: '' }))).text.includes('<h1')) return;
    await sleep(100);
  }
  throw new Error(`gazette serve did not start:\n${output}`);
});

afterAll(async () => {
  // The background indexer may still be writing: let the server exit before deleting.
  const exited =
    server.exitCode === null ? new Promise((resolve) => server.once('exit', resolve)) : null;
  server.kill();
  await exited;
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

test('gazette serve shows drafts and embargoed releases, each marked and not to be indexed', async () => {
  const draft = await page(DRAFT_URL);
  expect(draft.status).toBe(200);
  const $draft = load(draft.text);
  expect($draft('.release-notice strong').text()).toBe('Draft');
  expect($draft('meta[name="robots"]').attr('content')).toBe('noindex');
  const embargoed = load((await page(EMBARGOED_URL)).text);
  expect(embargoed('.release-notice strong').text()).toBe(
    'Embargoed until Thursday 15 February 2024, 10:00',
  );
  expect(load((await page('/')).text)('main').text()).toContain('16 releases from 4 areas.');
});
