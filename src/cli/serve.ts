import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { EleventyConfig } from '../render/eleventy-types.ts';
import { gazettePlugin } from '../render/plugin.ts';
import { reportFailure } from './report.ts';

/**
 * `gazette serve`: builds into _site/, serves it with live reload and
 * rebuilds when content, templates or site.json change. Content errors are
 * printed and the server keeps running.
 */
export async function runServe(root: string, port: number): Promise<number> {
  try {
    const absolute = path.resolve(root);
    const eleventy = new Eleventy(path.join(absolute, 'templates'), path.join(absolute, '_site'), {
      configPath: false,
      runMode: 'serve',
      config: (config: EleventyConfig) => gazettePlugin(config, { root: absolute }),
    });
    await eleventy.init();
    await eleventy.watch();
    await eleventy.serve(port);
    return await new Promise<number>(() => undefined);
  } catch (error) {
    return reportFailure(error);
  }
}
