import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Io } from '../../src/cli/io.ts';

export const repo = path.resolve(import.meta.dirname, '../..');

/** The seed release as scraped, byte for byte. */
export const SEED_NAME = '000_d1719f2e7f2409f0.txt';
export const seedBytes = (): Promise<Buffer> =>
  readFile(path.join(repo, 'content/leicestershire/2020', SEED_NAME));

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A fresh project in the system's temp folder (never inside the repo, which
 * Eleventy and git would see): site.json, an empty content/ and, when given,
 * areas.yaml. Removed after the test file.
 */
export async function makeProject(options: { areas?: string; content?: boolean } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-cli-'));
  made.push(root);
  await writeFile(path.join(root, 'site.json'), await readFile(path.join(repo, 'site.json')));
  if (options.content !== false) await mkdir(path.join(root, 'content'));
  if (options.areas !== undefined) await writeFile(path.join(root, 'areas.yaml'), options.areas);
  return root;
}

/** A folder of scraped files outside any project. */
export async function makeFolder(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-scraped-'));
  made.push(dir);
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

/**
 * An Io that records what a command prints, standing in `cwd` at the instant
 * `now`, with an environment of its own (empty unless given) and no terminal.
 */
export function captureIo(
  cwd: string,
  now = Date.UTC(2024, 2, 14, 9, 30),
  env: NodeJS.ProcessEnv = {},
) {
  const streams = { out: '', err: '' };
  const io: Io = {
    out: (text) => void (streams.out += text),
    err: (text) => void (streams.err += text),
    cwd,
    env,
    isTTY: false,
    now: () => now,
  };
  return { io, streams };
}

/** Fields of a release in the house (fenced) form; `undefined` leaves a field out. */
export interface ReleaseFields {
  area?: string;
  title?: string;
  url?: string;
  date?: string;
  og?: Record<string, string> | undefined;
  body?: string;
  slug?: string;
}

/** A release in the seed's fenced form, with one field per line as scrapers write them. */
export function release(fields: ReleaseFields = {}): string {
  const f = {
    area: 'Wexmoor',
    title: 'Appeal after fire at Holm Farm | Wexmoor Constabulary',
    url: 'https://www.wexmoor.police.example/news/2024/march/appeal-after-fire-at-holm-farm/',
    date: '09:30 14/03/2024',
    body: 'Officers are appealing for information after a barn fire at Holm Farm.',
    ...fields,
  };
  const og =
    'og' in fields
      ? fields.og
      : {
          title: 'Appeal after fire at Holm Farm',
          description: 'Officers are asking for dashcam footage from the Holm Road area.',
          image: 'https://www.wexmoor.police.example/media/holm-farm.jpg?w=600&amp;h=300',
        };
  const lines = ['```yaml', `area: ${f.area}`, `title: ${f.title}`, `url: ${f.url}`];
  lines.push('publish:', `  date: ${f.date}`);
  if (f.slug !== undefined) lines.push(`slug: ${f.slug}`);
  if (og !== undefined) {
    lines.push('og:', ...Object.entries(og).map(([k, v]) => `  ${k}: ${v}`));
  }
  lines.push('```', '', f.body, '');
  return lines.join('\n');
}
