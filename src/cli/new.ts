import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadOptionsFor, type LoadOptions } from '../load/source-file.ts';
import { loadReleaseFile, toLocalDate } from '../load/to-release.ts';
import type { Release } from '../model/release.ts';
import { toSlug } from '../model/slug.ts';
import { cleanText } from '../model/front-matter.ts';
import { loadSiteConfig } from '../load/site-config.ts';
import { parsePublishDate } from '../time/publish-date.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { usageError } from './args.ts';
import { requireAreaRegistry } from './area-registry.ts';
import { gazetteCommand } from './shell-command.ts';
import { processIo, type Io } from './io.ts';
import { reportFailure } from './report.ts';
import {
  fieldsToFill,
  formatHouseDate,
  renderNewRelease,
  type FrontMatterFormat,
} from './new-release.ts';
import { formatDiagnostic } from '../diagnostics/format.ts';
import { localTimeIn } from '../diagnostics/messages.ts';

/** What `gazette new` was asked to write. */
export interface NewOptions {
  readonly root: string;
  readonly area: string;
  readonly title: string;
  /** publish.date; the current time on the site's clock when absent. */
  readonly date?: string | undefined;
  readonly format: FrontMatterFormat;
}

/**
 * `gazette new`: writes a release with placeholders at
 * `content/<area>/<year>/<title>.md`, never over an existing file, and
 * prints its path and the fields left to fill in.
 */
export async function runNew(options: NewOptions, io: Io = processIo): Promise<number> {
  try {
    const project = path.resolve(io.cwd, options.root);
    const site = await loadSiteConfig(project, io.env);
    const registry = await requireAreaRegistry(project);
    const area = cleanText(options.area);
    const known = registry?.lookup(area);
    const areaSlug = known?.slug ?? toSlug(area);
    if (areaSlug === '') {
      throw usageError(
        `The area "${options.area}" has no letters or digits to make a folder name from.`,
        'new',
      );
    }
    const title = cleanText(options.title);
    const slug = toSlug(title);
    if (slug === '') {
      throw usageError(
        `The title "${options.title}" has no letters or digits to make a file name from.`,
        'new',
      );
    }
    const date = options.date ?? formatHouseDate(io.now(), site.timeZone);
    const published = parsePublishDate(date, site.timeZone);
    if (!published.ok) {
      throw usageError(
        `The date "${date}" ${published.why}. Give --date as "HH:MM DD/MM/YYYY" in ${localTimeIn(site.timeZone)}, such as --date "09:30 14/03/2024".`,
        'new',
      );
    }
    const year = toLocalDate(published.ms, site.timeZone).year;
    const release = {
      area: known?.name ?? area,
      areaSlug,
      title,
      slug,
      year,
      date,
      locale: site.locale,
      known,
      format: options.format,
    };
    const text = renderNewRelease(release);
    const file = [site.contentDir, areaSlug, year, `${slug}.md`].join('/');
    assertLoads(file, text, loadOptionsFor(site));
    await writeNew(path.join(project, file), text, file);
    io.out(`Created ${file}\n`);
    if (registry !== null && known === undefined) {
      io.err(
        `Note: the area "${area}" is not in areas.yaml; add it there, or use one of its names or aliases.\n`,
      );
    }
    const fill = fieldsToFill(release);
    io.out(
      `Fill in ${fill.slice(0, -1).join(', ')} and ${fill.at(-1) ?? ''}: they hold placeholders (TODO, example.invalid) until you do.\n` +
        `Run \`${gazetteCommand('check', path.relative(io.cwd, path.join(project, file)))}\` to see what is left.\n`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** Writes a file that must not exist yet; an existing one is a clear error, never overwritten. */
async function writeNew(full: string, text: string, shown: string): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  try {
    await writeFile(full, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new GazetteError(
      'project',
      `${shown} already exists; gazette new never overwrites a release. Edit that file, or give another --title.`,
    );
  }
}

/** The template is ours: a file that would not load is a bug in Gazette, not the user's input. */
function assertLoads(file: string, text: string, options: LoadOptions): Release {
  const result = loadReleaseFile(file, Buffer.from(text), options);
  if (!result.ok) {
    throw new Error(
      `gazette new made a release that does not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  return result.release;
}
