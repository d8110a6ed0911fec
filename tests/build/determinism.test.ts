import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  hashTree,
  makeProjectInOrder,
  readFsEvents,
  runGazette,
  writeFsTraceModule,
  type CliRun,
  type FsEvent,
} from './site-output.ts';

/**
 * Builds of the same content, each a `gazette build` child process, on
 * machines that differ in every way a build must not notice: time zone,
 * locale, the order the files were created in and the order the file system
 * lists them in. Their outputs must be byte-identical.
 */
interface Machine {
  readonly name: string;
  readonly order: 'forward' | 'reverse';
  readonly env: NodeJS.ProcessEnv;
  /** A file system free to list directories in any order: here, backwards. */
  readonly reverseListings: boolean;
}

const MACHINES: readonly Machine[] = [
  {
    name: 'UTC, C locale',
    order: 'forward',
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    reverseListings: false,
  },
  {
    name: 'Kiritimati (UTC+14), German locale',
    order: 'reverse',
    env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    reverseListings: true,
  },
  // West of UTC as well: a local-time slip moves a UTC midnight to the day before only here.
  {
    name: 'Pago Pago (UTC-11), Turkish locale',
    order: 'reverse',
    env: { TZ: 'Pacific/Pago_Pago', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    reverseListings: true,
  },
];

interface Built {
  readonly root: string;
  readonly run: CliRun;
  readonly hashes: Map<string, string>;
  readonly events: FsEvent[];
}

const cleanup: string[] = [];
let builds: Built[];

beforeAll(async () => {
  const trace = await writeFsTraceModule();
  cleanup.push(path.dirname(trace));
  // Made one after the other so creation orders really differ; built in parallel.
  const roots: string[] = [];
  for (const machine of MACHINES) roots.push(await makeProjectInOrder(machine.order));
  cleanup.push(...roots);
  builds = await Promise.all(
    MACHINES.map(async (machine, i) => {
      const root = roots[i] ?? '';
      const log = path.join(path.dirname(trace), `fs-${i}.jsonl`);
      const run = await runGazette(['build', '--root', root], {
        cwd: root,
        imports: [trace],
        env: {
          ...machine.env,
          TRACE_FS_ROOT: root,
          TRACE_FS_LOG: log,
          TRACE_FS_REVERSE_READDIR: machine.reverseListings ? '1' : '0',
        },
      });
      const hashes = run.code === 0 ? await hashTree(path.join(root, '_site')) : new Map();
      return { root, run, hashes, events: await readFsEvents(log) };
    }),
  );
});

afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The order a build saw content/ listed in (its first listing of that folder). */
function contentListing(build: Built): string[] {
  const content = path.join(build.root, 'content');
  const listing = build.events.find(
    (e): e is Extract<FsEvent, { op: 'readdir' }> => e.op === 'readdir' && e.path === content,
  );
  return listing?.entries ?? [];
}

/** Today's calendar date in a time zone, as YYYY-MM-DD. */
function isoDateIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Ways a page could print the day it was built, in every zone where today may fall. */
function buildDateStrings(now: Date): string[] {
  const dates = new Set(
    ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/London'].map((zone) =>
      isoDateIn(zone, now),
    ),
  );
  return [...dates].flatMap((iso) => {
    const [year = '', month = '', day = ''] = iso.split('-');
    const name = MONTHS[Number(month) - 1] ?? '';
    return [
      iso,
      `${day}/${month}/${year}`,
      `${Number(day)} ${name} ${year}`,
      `${Number(day)} ${name.slice(0, 3)} ${year}`,
    ];
  });
}

describe('builds on differently configured machines', () => {
  test('run in environments that really differ in time zone and default locale', () => {
    const seen = MACHINES.map((machine) => {
      const probe = spawnSync(
        process.execPath,
        [
          '-p',
          'JSON.stringify([Intl.DateTimeFormat().resolvedOptions(), new Date(Date.UTC(2020, 0, 1)).getTimezoneOffset()])',
        ],
        { env: { PATH: process.env.PATH, ...machine.env }, encoding: 'utf8' },
      );
      const [options, offset] = JSON.parse(probe.stdout) as [
        Intl.ResolvedDateTimeFormatOptions,
        number,
      ];
      return { timeZone: options.timeZone, offset, language: options.locale.slice(0, 2) };
    });
    expect(seen).toEqual([
      { timeZone: 'UTC', offset: 0, language: 'en' },
      { timeZone: 'Pacific/Kiritimati', offset: -840, language: 'de' },
      { timeZone: 'Pacific/Pago_Pago', offset: 660, language: 'tr' },
    ]);
  });

  test('see the content folder listed in different orders', () => {
    const [first = [], ...others] = builds.map(contentListing);
    expect(first.length).toBeGreaterThan(0);
    for (const listing of others) {
      expect([...listing].sort()).toEqual([...first].sort());
      expect(listing).not.toEqual(first);
    }
  });

  test('all succeed', () => {
    // stderr is not required to be empty: Eleventy may warn there about slow filters.
    expect(
      builds.map((b, i) => ({
        machine: MACHINES[i]?.name,
        code: b.run.code,
        built: /^Built 14 releases into _site\/ /m.test(b.run.stdout),
        stderr: b.run.code === 0 ? '' : b.run.stderr,
      })),
    ).toEqual(MACHINES.map((m) => ({ machine: m.name, code: 0, built: true, stderr: '' })));
  });

  test('write the same set of files', () => {
    const [first = [], ...others] = builds.map((b) => [...b.hashes.keys()]);
    expect(first).toContain('index.html');
    expect(first).toContain('_headers');
    expect(first).toContain('assets/style.css');
    for (const files of others) expect(files).toEqual(first);
  });

  test('write every file byte for byte the same', async () => {
    const [first, ...others] = builds;
    if (first === undefined) throw new Error('no builds');
    for (const [i, other] of others.entries()) {
      const machine = MACHINES[i + 1]?.name;
      const differing = [...first.hashes].filter(([file, hash]) => other.hashes.get(file) !== hash);
      // On failure, show the first differing file as a text diff as well as the list.
      const [file] = differing[0] ?? [];
      if (file !== undefined) {
        const read = (b: Built) => readFile(path.join(b.root, '_site', file), 'utf8');
        expect(await read(other), `${machine}: ${file}`).toBe(await read(first));
      }
      expect(
        differing.map(([f]) => f),
        machine,
      ).toEqual([]);
      expect(Object.fromEntries(other.hashes), machine).toEqual(Object.fromEntries(first.hashes));
    }
  });

  test('print no build date and no generator note', async () => {
    const dates = buildDateStrings(new Date());
    const found: string[] = [];
    for (const build of builds) {
      for (const file of build.hashes.keys()) {
        if (!/\.(html|css|xml|json|txt)$|^_headers$/.test(file)) continue;
        const text = await readFile(path.join(build.root, '_site', file), 'utf8');
        for (const date of dates) if (text.includes(date)) found.push(`${file}: ${date}`);
        const note = /generated|eleventy|11ty/i.exec(text);
        if (note !== null) found.push(`${file}: "${note[0]}"`);
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });
});
