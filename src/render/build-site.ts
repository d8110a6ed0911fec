import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { EleventyConfig } from './eleventy-types.ts';
import { gazettePlugin } from './plugin.ts';
import { prepareSite } from './prepare.ts';

/** Where and how to build. */
export interface BuildOptions {
  readonly root: string;
  /** Output folder, relative to root or absolute. Default `_site`. */
  readonly output?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** What a build did. */
export type BuildResult =
  | {
      ok: true;
      releases: number;
      pages: number;
      output: string;
      diagnostics: readonly Diagnostic[];
    }
  | { ok: false; diagnostics: readonly Diagnostic[] };

/**
 * Builds the site into a fresh folder beside the output and swaps it in only
 * when the whole build succeeded. Content errors come back as diagnostics and
 * leave the previous output untouched; removed releases leave no stale pages.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const output = path.resolve(root, options.output ?? '_site');
  const prepared = await prepareSite(root, options.env);
  if (prepared.model === null) return { ok: false, diagnostics: prepared.diagnostics };

  const staging = `${output}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(path.join(root, 'templates'), staging, {
      quietMode: true,
      configPath: false,
      config: (config: EleventyConfig) => gazettePlugin(config, { root, prepared }),
    });
    const results = (await eleventy.write()) as unknown[];
    await swapIn(staging, output);
    return {
      ok: true,
      releases: prepared.releaseCount,
      pages: countPages(results),
      output,
      diagnostics: prepared.diagnostics,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function swapIn(staging: string, output: string): Promise<void> {
  const previous = `${output}.old-${process.pid}`;
  // A build killed between the two renames leaves this behind, and in a
  // container the next build often has the same pid: rename would then fail.
  await rm(previous, { recursive: true, force: true });
  const exists = await stat(output).then(
    () => true,
    () => false,
  );
  if (exists) await rename(output, previous);
  await rename(staging, output);
  if (exists) await rm(previous, { recursive: true, force: true });
}

/** HTML pages Eleventy rendered; the stylesheet and `_headers` are not counted. */
function countPages(results: unknown[]): number {
  return results
    .flat(2)
    .filter(
      (r): r is { outputPath: unknown } => typeof r === 'object' && r !== null && 'outputPath' in r,
    )
    .filter((r) => typeof r.outputPath === 'string' && r.outputPath.endsWith('.html')).length;
}
