import path from 'node:path';

/**
 * Where things are in a Gazette project. Every module that names a project
 * file or folder takes it from here, so a name changes in one place.
 */

/** The site configuration, at the top of the project. */
export const SITE_CONFIG_FILE = 'site.json';
/** The area registry, beside it. */
export const AREA_REGISTRY_FILE = 'areas.yaml';
/** The page templates (Nunjucks) and, under `assets/`, the files copied as they are. */
export const TEMPLATES_FOLDER = 'templates';
/** The built site. */
export const OUTPUT_FOLDER = '_site';
/** Parsed releases, page keys and the build lock, kept between builds. */
export const CACHE_FOLDER = '.cache/gazette';

/** The absolute paths of one project's files and folders. */
export interface ProjectPaths {
  readonly root: string;
  readonly siteConfig: string;
  readonly areaRegistry: string;
  readonly templates: string;
  readonly assets: string;
  readonly output: string;
  readonly cache: string;
  readonly lock: string;
}

/** The paths of the project at `root`; `output` may be given relative to it. */
export function projectPaths(root: string, output: string = OUTPUT_FOLDER): ProjectPaths {
  const top = path.resolve(root);
  const templates = path.join(top, TEMPLATES_FOLDER);
  const cache = path.join(top, CACHE_FOLDER);
  return {
    root: top,
    siteConfig: path.join(top, SITE_CONFIG_FILE),
    areaRegistry: path.join(top, AREA_REGISTRY_FILE),
    templates,
    assets: path.join(templates, 'assets'),
    output: path.resolve(top, output),
    cache,
    lock: path.join(cache, 'build.lock'),
  };
}

/**
 * A folder beside `folder` for this process: `_site.tmp-<pid>` to build into,
 * `_site.old-<pid>` for the one it replaces.
 */
export function besideFolder(folder: string, role: 'tmp' | 'old'): string {
  return `${folder}.${role}-${process.pid}`;
}
