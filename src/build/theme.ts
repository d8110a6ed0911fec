import type { Hash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { hashFolder, INSTALL } from '../load/code-fingerprint.ts';
import { CACHE_FOLDER, projectPaths, TEMPLATES_FOLDER } from '../model/project-paths.ts';

/**
 * The default theme and a project's overrides, looked up as Hugo looks up a
 * theme: a file in the project's own `templates/` (a page template, a partial
 * in `_includes/`, an asset) replaces the theme's file of the same path, and
 * every other file comes from the theme. Eleventy reads one input folder, so a
 * project renders from a merged copy of both layers in its cache folder, brought
 * up to date before every render. Only the Gazette repository, whose
 * templates/ is the theme, renders from the theme itself: Eleventy ignores
 * every file under node_modules/, where an installed theme is.
 */

/** The default theme: the `templates/` folder that ships with Gazette. */
export const THEME = path.join(INSTALL, TEMPLATES_FOLDER);

/** Where one project's templates come from, and the folder Eleventy renders from. */
export interface TemplateLayers {
  readonly theme: string;
  /** The project's own templates/, or null when it has none or it is the theme itself. */
  readonly project: string | null;
  /** The folder Eleventy reads: the merged copy, or the theme when it is the project's own. */
  readonly folder: string;
}

/** The template layers of the project at `root`. */
export function templateLayers(root: string, theme: string = THEME): TemplateLayers {
  const own = projectPaths(root).templates;
  // The Gazette repository is a project whose templates/ is the theme itself.
  const isTheme = existsSync(own) && realpathOr(own) === realpathOr(theme);
  const project = existsSync(own) && !isTheme ? own : null;
  const folder = isTheme ? theme : path.join(root, CACHE_FOLDER, 'templates');
  return { theme, project, folder };
}

/**
 * Makes the merged folder match the layers: the theme's files, each replaced
 * by the project's file of the same path, and nothing else. A file whose bytes
 * are already there is left alone. Runs under the build lock.
 */
export function mergeTemplates(layers: TemplateLayers): void {
  if (layers.folder === layers.theme) return;
  const wanted = new Map<string, string>();
  for (const file of listFiles(layers.theme)) wanted.set(file, path.join(layers.theme, file));
  if (layers.project !== null) {
    for (const file of listFiles(layers.project)) wanted.set(file, path.join(layers.project, file));
  }
  if (wanted.size === 0) {
    throw new GazetteError(
      'project',
      `There are no templates to render with: Gazette's default theme (${layers.theme}) is missing, and the project has no templates/ of its own. Install Gazette again (npm install).`,
    );
  }
  const folder = layers.folder;
  const present = existsSync(folder) ? listFiles(folder) : [];
  for (const file of present) {
    if (!wanted.has(file)) rmSync(path.join(folder, file), { force: true });
  }
  for (const [file, from] of wanted) {
    const to = path.join(folder, file);
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}

/**
 * Adds both layers to a page fingerprint: every theme file, then every
 * project file, so that adding, editing or removing an override re-renders.
 */
export function hashTemplates(hash: Hash, layers: TemplateLayers): void {
  hash.update('\0theme\0');
  // A copy of Gazette without its theme (as some tests make) renders from the project alone.
  if (existsSync(layers.theme)) hashFolder(hash, layers.theme);
  if (layers.project === null) return;
  hash.update('\0project\0');
  hashFolder(hash, layers.project);
}

/**
 * `text` with every path into the merged folder replaced by the file it was
 * copied from, so that a template error names the file to fix, not its copy.
 */
export function toSourcePaths(text: string, layers: TemplateLayers): string {
  const { project, folder, theme } = layers;
  if (folder === theme) return text;
  const source = (rest: string): string => {
    const file = rest.slice(1);
    const own = project === null ? null : path.join(project, file);
    return own !== null && existsSync(own) ? own : path.join(theme, file);
  };
  const tail = '([/\\\\][^\\s"\'():,]+)';
  const relative = path.relative(process.cwd(), folder);
  return text
    .replace(new RegExp(`${escapeRegExp(folder)}${tail}`, 'g'), (_, rest: string) => source(rest))
    .replace(
      new RegExp(`(?:\\.[/\\\\])?${escapeRegExp(relative)}${tail}`, 'g'),
      (_, rest: string) => shortPath(source(rest)),
    );
}

/** A path as Eleventy writes it: relative to the working folder, `./` before one inside it. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? relative : `./${relative}`;
}

/** Every file under `folder`, by its path relative to it; none when there is no such folder. */
function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

function realpathOr(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return folder;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
