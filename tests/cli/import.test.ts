import { accessSync, constants } from 'node:fs';
import { chmod, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CACHE_FOLDER } from '../../src/model/project-paths.ts';
import { loadReleases } from '../../src/load/load-releases.ts';
import { hashTree } from '../build/site-output.ts';
import { captureIo, makeFolder, makeProject, release, SEED_NAME, seedBytes } from './helpers.ts';

// As root (CI runs as root) a chmod 000 file stays readable, so the test would
// prove nothing: it runs only where the permission really blocks reading.
const scratch = await makeFolder({ 'probe.md': 'x' });
await chmod(path.join(scratch, 'probe.md'), 0o000);
const blocked = (() => {
  try {
    accessSync(path.join(scratch, 'probe.md'), constants.R_OK);
    return false;
  } catch {
    return true;
  }
})();

const SEED_TARGET = `content/leicestershire/2020/${SEED_NAME}`;

async function gazetteImport(root: string, cwd: string, ...args: string[]) {
  const { io, streams } = captureIo(cwd);
  const code = await main(['import', '--root', root, ...args], io);
  return { code, ...streams };
}

/** Every file under the project's content folder, relative to it. */
async function contentFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, 'content'), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('gazette import', () => {
  test('copies the seed byte for byte into content/<area>/<year>/ and reports it', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    const run = await gazetteImport(root, scraped, '.');
    expect(run).toEqual({
      code: 0,
      out: `imported      ${SEED_NAME} → ${SEED_TARGET}\n\n1 imported, 0 skipped, 0 rejected\n`,
      err: '',
    });
    expect((await readFile(path.join(root, SEED_TARGET))).equals(await seedBytes())).toBe(true);
    const loaded = await loadReleases(root, 'content', { timeZone: 'Europe/London' });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.releases.map((r) => r.file)).toEqual([SEED_TARGET]);
  });

  test('names the command that lists the content files that did not load', async () => {
    const root = await makeProject();
    await mkdir(path.join(root, 'content/x'), { recursive: true });
    await writeFile(path.join(root, 'content/x/broken.md'), 'no front matter\n');
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    const run = await gazetteImport(root, scraped, '--dry-run', '.');
    const note = `Note: 1 file in the content folder did not load, so releases repeating them could not be spotted; run \`npx gazette check --root ${root}\`.`;
    expect(run.out.split('\n').at(-2)).toBe(note);
  });

  test('running it again imports nothing new and exits 0', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    await gazetteImport(root, scraped, '.');
    const again = await gazetteImport(root, scraped, '.');
    expect(again.code).toBe(0);
    expect(again.out).toBe(
      `skipped       ${SEED_NAME}: a release with its url is already in ${SEED_TARGET}\n\n0 imported, 1 skipped, 0 rejected\n`,
    );
    expect(await contentFiles(root)).toEqual([SEED_TARGET]);
  });

  test('after a build, running it again skips what the build cache holds and leaves the cache as it was', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    await gazetteImport(root, scraped, '.');
    const cacheDir = path.join(root, CACHE_FOLDER);
    const timeZone = { timeZone: 'Europe/London' };
    (await loadReleases(root, 'content', timeZone, { cacheDir })).bodies.close();
    const cache = await hashTree(cacheDir);
    const again = await gazetteImport(root, scraped, '.');
    expect(again.out).toBe(
      `skipped       ${SEED_NAME}: a release with its url is already in ${SEED_TARGET}\n\n0 imported, 1 skipped, 0 rejected\n`,
    );
    expect(await hashTree(cacheDir)).toEqual(cache);
  });

  test('a second copy of a release in the same import is skipped, naming the first', async () => {
    const root = await makeProject();
    const seed = await seedBytes();
    const scraped = await makeFolder({ 'a.txt': seed, 'b.txt': seed });
    const run = await gazetteImport(root, scraped, 'a.txt', 'b.txt');
    expect(run.out).toContain(
      'skipped       b.txt: a release with its url is already in a.txt, earlier in this import\n',
    );
    expect(await contentFiles(root)).toEqual(['content/leicestershire/2020/a.txt']);
  });

  test('--dry-run reports the same and writes nothing', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({
      [SEED_NAME]: await seedBytes(),
      'bad.md': release({ url: 'ftp://x' }),
    });
    const run = await gazetteImport(root, scraped, '--dry-run', '.');
    expect(run.code).toBe(1);
    expect(run.out).toContain(`would import  ${SEED_NAME} → ${SEED_TARGET}\n`);
    expect(run.out).toContain('rejected      bad.md: 1 error, listed below\n');
    expect(run.out).toMatch(
      /\n1 would import, 0 skipped, 1 rejected \(dry run: nothing was written\)\n$/,
    );
    expect(await contentFiles(root)).toEqual([]);
  });

  test('a release with errors is rejected with the loader located errors, exit 1, not copied', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({
      'bad.md': release({ url: 'javascript:alert(1)', date: '09:30 31/02/2024' }),
    });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      [
        'rejected      bad.md: 2 errors, listed below',
        '',
        'bad.md:4:6  error  The field "url" holds "javascript:alert(1)", which is not an absolute http or https URL.  [bad-url]',
        '    field: url',
        '    hint: Use the full address, starting with https://.',
        '',
        'bad.md:6:9  error  The date "09:30 31/02/2024" does not exist: month 2 of 2024 has 29 days.  [bad-date]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
        '',
        '0 imported, 0 skipped, 1 rejected',
        '',
      ].join('\n'),
    );
    expect(await contentFiles(root)).toEqual([]);
  });

  test('a release with the headline of one already in content/, from another page, is imported', async () => {
    const root = await makeProject();
    await mkdir(path.join(root, 'content/wexmoor/2024'), { recursive: true });
    await writeFile(path.join(root, 'content/wexmoor/2024/holm.md'), release());
    const scraped = await makeFolder({
      'same-headline.md': release({ url: 'https://www.wexmoor.police.example/other/' }),
    });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(0);
    expect(run.out).toContain('1 imported, 0 skipped, 0 rejected');
  });

  test('a release whose slug asks for the page of one already in content/ is rejected, naming it', async () => {
    const root = await makeProject();
    await mkdir(path.join(root, 'content/wexmoor/2024'), { recursive: true });
    await writeFile(path.join(root, 'content/wexmoor/2024/holm.md'), release({ slug: 'holm' }));
    const scraped = await makeFolder({
      'same-page.md': release({ url: 'https://www.wexmoor.police.example/other/', slug: 'holm' }),
    });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'same-page.md:7:7  error  This release would be published at /2024/03/14/holm/, which content/wexmoor/2024/holm.md already uses.  [duplicate-page]',
    );
  });

  test('a name taken by a different file gets -2 before its extension; nothing is overwritten', async () => {
    const root = await makeProject();
    const other = release({
      area: 'Leicestershire',
      date: '10:00 01/01/2020',
      url: 'https://a.example/other',
    });
    await mkdir(path.join(root, 'content/leicestershire/2020'), { recursive: true });
    await writeFile(path.join(root, SEED_TARGET), other);
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    const run = await gazetteImport(root, scraped, '.');
    const renamed = SEED_TARGET.replace('.txt', '-2.txt');
    expect(run.out).toContain(
      `imported      ${SEED_NAME} → ${renamed} (renamed: a different file has that name)\n`,
    );
    expect(await readFile(path.join(root, SEED_TARGET), 'utf8')).toBe(other);
    expect((await readFile(path.join(root, renamed))).equals(await seedBytes())).toBe(true);
  });

  test('an alias in areas.yaml files the release under the area slug, keeping the file as it is', async () => {
    const areas = 'areas:\n  wexmoor:\n    name: Wexmoor\n    aliases: [Wexmoor Constabulary]\n';
    const root = await makeProject({ areas });
    const text = release({ area: 'Wexmoor Constabulary' });
    const scraped = await makeFolder({ 'holm.md': text });
    await gazetteImport(root, scraped, 'holm.md');
    expect(await readFile(path.join(root, 'content/wexmoor/2024/holm.md'), 'utf8')).toBe(text);
  });

  test('creates the content folder when the project has none yet', async () => {
    const root = await makeProject({ content: false });
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    expect((await gazetteImport(root, scraped, '.')).code).toBe(0);
    expect(await contentFiles(root)).toEqual([SEED_TARGET]);
  });
});

describe('gazette import of bad paths', () => {
  test('a missing folder is a clear error, exit 1, and nothing is imported', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    const run = await gazetteImport(root, scraped, '.', 'no-such-folder');
    expect(run).toEqual({
      code: 1,
      out: '',
      err: 'no-such-folder does not exist. Give a release file or a folder of releases.\n',
    });
    expect(await contentFiles(root)).toEqual([]);
  });

  test('a folder with no releases in it is a clear error', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ 'notes.json': '{}' });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(1);
    expect(run.err).toBe('No release files (.md or .txt) in .: nothing to import.\n');
  });

  test('a file that cannot be read (a dangling link) is rejected as read-failed; the rest import', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ [SEED_NAME]: await seedBytes() });
    await symlink(path.join(scraped, 'gone'), path.join(scraped, 'broken.md'));
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'broken.md:1:1  error  The file could not be read (ENOENT).  [read-failed]\n    hint: Check that the file exists and that its permissions allow reading.',
    );
    expect(await contentFiles(root)).toEqual([SEED_TARGET]);
  });

  test.runIf(blocked)(
    'a file without read permission is rejected as read-failed (EACCES)',
    async () => {
      const root = await makeProject();
      const scraped = await makeFolder({ 'locked.md': release() });
      await chmod(path.join(scraped, 'locked.md'), 0o000);
      const run = await gazetteImport(root, scraped, '.');
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        'locked.md:1:1  error  The file could not be read (EACCES).  [read-failed]',
      );
    },
  );
});

describe('gazette import usage', () => {
  test('without a folder or file it is exit 2, saying what it needs', async () => {
    const root = await makeProject();
    const run = await gazetteImport(root, root);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'gazette import needs at least one folder or release file to import.\nRun `npx gazette import --help` for its options and examples.\n',
    );
  });

  test('an unknown flag is exit 2 naming it', async () => {
    const root = await makeProject();
    const run = await gazetteImport(root, root, '--dryrun', '.');
    expect(run.code).toBe(2);
    expect(run.err).toContain('Unknown option "--dryrun" for gazette import.');
  });
});

describe('gazette import --repair', () => {
  const TITLE = 'UPDATE: Appeal after fire at Holm Farm | Wexmoor Constabulary';
  const scrapedText = release({ title: TITLE });
  const repairedText = scrapedText.replace(`title: ${TITLE}`, `title: "${TITLE}"`);
  const TARGET = 'content/wexmoor/2024/holm.md';
  const QUOTE_FIX = [
    'holm.md:3:8  warning  The value of "title" holds a colon that YAML reads as the start of another field; repaired by putting it in double quotes: title: "UPDATE: Appeal after fire at Holm Farm | Wexmoor Constabulary".  [repaired-quote]',
    '    field: title',
    '    hint: Have the scraper quote text values, or write its front matter with a YAML library.',
  ].join('\n');

  test('without it, a file with an unquoted colon is rejected as before, the hint naming the command', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ 'holm.md': scrapedText });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      [
        'rejected      holm.md: 1 error, listed below',
        '',
        'holm.md:3:14  error  The front matter is not valid YAML: bad indentation of a mapping entry.  [yaml-syntax]',
        `    hint: Quote values that contain ": " or start with a special character, and check the indentation. Or run npx gazette import --repair --root ${root} holm.md, which fixes this in the copy it imports and leaves this file as it is.`,
        '',
        '0 imported, 0 skipped, 1 rejected',
        '',
      ].join('\n'),
    );
    expect(await contentFiles(root)).toEqual([]);
  });

  test('the command in the hint works as written, and leaves the scraped file byte for byte as it was', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ 'holm.md': scrapedText });
    const hint = (await gazetteImport(root, scraped, '.')).out;
    const command = /Or run npx gazette (.+), which fixes/.exec(hint)?.[1] ?? '';
    const { io, streams } = captureIo(scraped);
    expect(await main(command.split(' '), io)).toBe(0);
    expect(streams.out).toBe(
      [
        `imported      holm.md → ${TARGET} (repaired: 1 fix, listed below)`,
        '',
        QUOTE_FIX,
        '',
        '1 imported (1 repaired), 0 skipped, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(await readFile(path.join(root, TARGET), 'utf8')).toBe(repairedText);
    expect(await readFile(path.join(scraped, 'holm.md'), 'utf8')).toBe(scrapedText);
  });

  test('a path the shell would split is quoted in the hint', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ "holm farm's.md": scrapedText });
    const run = await gazetteImport(root, scraped, '.');
    expect(run.out).toContain(
      `Or run npx gazette import --repair --root ${root} 'holm farm'\\''s.md', which fixes`,
    );
  });

  test('with --dry-run, it reports the same fixes and writes nothing', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ 'holm.md': scrapedText, [SEED_NAME]: await seedBytes() });
    const run = await gazetteImport(root, scraped, '--repair', '--dry-run', '.');
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      [
        `would import  ${SEED_NAME} → ${SEED_TARGET}`,
        `would import  holm.md → ${TARGET} (repaired: 1 fix, listed below)`,
        '',
        QUOTE_FIX,
        '',
        '2 would import (1 repaired), 0 skipped, 0 rejected (dry run: nothing was written)',
        '',
      ].join('\n'),
    );
    expect(await contentFiles(root)).toEqual([]);
  });

  test('a repaired file loads from content/ to the record of the same file fixed by hand', async () => {
    const title = 'APPEAL: Can you help? | Wexmoor Constabulary';
    const og = { title: 'APPEAL: Can you help?', description: 'NAMED: Sam, 15, of Holm Cross.' };
    const byHand = release({
      title: `'${title}'`,
      og: { title: `'${og.title}'`, description: `'${og.description}'` },
    });
    const projects = await Promise.all([makeProject(), makeProject()]);
    const scraped = await makeFolder({ 'holm.md': release({ title, og }) });
    await gazetteImport(projects[0] ?? '', scraped, '--repair', '.');
    await mkdir(path.join(projects[1] ?? '', 'content/wexmoor/2024'), { recursive: true });
    await writeFile(path.join(projects[1] ?? '', TARGET), byHand);
    const [repaired, handFixed] = await Promise.all(
      projects.map((root) => loadReleases(root, 'content', { timeZone: 'Europe/London' })),
    );
    expect(repaired?.diagnostics).toEqual([]);
    const record = (r: typeof repaired) => r?.releases.map((x) => ({ ...x, sourceHash: '' }));
    expect(record(repaired)).toEqual(record(handFixed));
    expect(repaired?.releases[0]?.title).toBe(title);
  });

  test('a Windows-1252 file is imported as UTF-8, and the scraped bytes stay as they were', async () => {
    const root = await makeProject();
    const text = release({ body: 'Residents were asked for \u201cfees\u201d of \u00a3300.' });
    const bytes = Buffer.from(text.replace(/\u201c/g, '\x93').replace(/\u201d/g, '\x94'), 'latin1');
    const scraped = await makeFolder({ 'fees.txt': bytes });
    const run = await gazetteImport(root, scraped, '--repair', '.');
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'fees.txt:13:26  warning  The file is Windows-1252, not UTF-8; repaired by reading it as Windows-1252 and writing UTF-8, so 3 bytes on line 13 became “ (0x93), ” (0x94) and £ (0xA3).  [repaired-encoding]\n',
    );
    expect(await readFile(path.join(root, 'content/wexmoor/2024/fees.txt'), 'utf8')).toBe(text);
    expect((await readFile(path.join(scraped, 'fees.txt'))).equals(bytes)).toBe(true);
  });

  test('a file where the encoding would be a guess is rejected, saying why it was not repaired', async () => {
    const root = await makeProject();
    const bytes = Buffer.concat([
      Buffer.from(release({ area: 'Ynys Môn' })),
      Buffer.from([0x93, 0x0a]),
    ]);
    const scraped = await makeFolder({ 'mixed.md': bytes });
    const run = await gazetteImport(root, scraped, '--repair', '.');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      [
        'rejected      mixed.md: 1 error, listed below',
        '',
        'mixed.md:14:1  error  The file is not valid UTF-8: the byte at offset 487 does not start or continue a character.  [invalid-utf8]',
        '    hint: Re-save the file as UTF-8 in your editor.',
        '',
        'mixed.md:14:1  warning  Not repaired: the file holds UTF-8 characters (the first on line 2) as well as bytes that are not UTF-8, so which bytes are Windows-1252 would be a guess.  [repair-refused]',
        '    hint: Correct the characters here by hand, and save the file as UTF-8.',
        '',
        '0 imported (0 repaired), 0 skipped, 1 rejected',
        '',
      ].join('\n'),
    );
    expect(await contentFiles(root)).toEqual([]);
  });

  test('a second run skips what the first imported, and files that load are copied byte for byte', async () => {
    const root = await makeProject();
    const scraped = await makeFolder({ 'holm.md': scrapedText, [SEED_NAME]: await seedBytes() });
    await gazetteImport(root, scraped, '--repair', '.');
    expect((await readFile(path.join(root, SEED_TARGET))).equals(await seedBytes())).toBe(true);
    const again = await gazetteImport(root, scraped, '--repair', '.');
    expect(again.out).toMatch(/\n0 imported \(0 repaired\), 2 skipped, 0 rejected\n$/);
  });
});

describe('gazette import of files that hold no YAML front matter', () => {
  test('an empty file and TOML front matter are rejected, each named for what it is', async () => {
    const root = await makeProject();
    const toml = '+++\ntitle = "Appeal"\n+++\n\nBody.\n';
    const scraped = await makeFolder({ 'empty.md': '', 'hugo.md': toml });
    const run = await gazetteImport(root, scraped, '--repair', '.');
    expect(run.out).toContain(
      'empty.md:1:1  error  The file is empty (0 bytes).  [empty-file]\n' +
        '    hint: A scraper leaves such a file when fetching the page failed: scrape the page again, or delete the file.\n',
    );
    expect(run.out).toContain(
      'hugo.md:1:1  error  The front matter is TOML (between +++ lines, as Hugo writes it); only YAML front matter is read.  [toml-front-matter]\n',
    );
  });
});
