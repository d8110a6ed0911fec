import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface EventBus {
  emit(event: string, ...args: unknown[]): Promise<unknown>;
}

// Eleventy keeps templates, layouts and compiled Nunjucks in module-level
// caches that outlive an Eleventy instance; only its own watcher clears them,
// through this event bus. A process that builds twice (a test run, a server)
// must clear them too, or an edited template is rendered from the old text.
// The bus is not in Eleventy's package exports, so it is reached by file.
const eleventyDir = path.dirname(new URL(import.meta.resolve('@11ty/eleventy')).pathname);

/** Tells Eleventy's caches that every file under `templatesDir` may have changed. */
export async function forgetTemplateCaches(templatesDir: string): Promise<void> {
  const bus = (await import(pathToFileURL(path.join(eleventyDir, 'EventBus.js')).href)) as {
    default: EventBus;
  };
  const entries = await readdir(templatesDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile()) {
      await bus.default.emit(
        'eleventy.resourceModified',
        path.join(entry.parentPath, entry.name),
        [],
        {},
      );
    }
  }
  await bus.default.emit('eleventy.compileCacheReset');
}
