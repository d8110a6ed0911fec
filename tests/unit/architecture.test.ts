import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The folders of src/ are the pipeline's stages, and imports run one way:
 * cli and api → build → site and search → archive → load → model → time and
 * diagnostics. A file may import its own folder or a lower one, never a
 * higher one, and no import (type-only ones included) may come back round.
 */

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Each folder's place in the pipeline: a file may import only folders ranked at or below its own. */
const RANK: Readonly<Record<string, number>> = {
  time: 0,
  diagnostics: 0,
  model: 1,
  load: 2,
  archive: 3,
  site: 4,
  search: 4,
  build: 5,
  cli: 6,
  // The programmatic API: beside the command line, on top of the build.
  api: 6,
};

// Every way a module names another: static and type imports, re-exports,
// import() and the worker entry points `new URL('./x.mjs', import.meta.url)`.
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)'(\.{1,2}\/[^']+|node:[^']+|@11ty\/[^']+)'/g;

interface Module {
  readonly file: string;
  readonly folder: string;
  /** Every module and file it names, worker and child entry points included. */
  readonly imports: readonly string[];
  /** Only what it imports: a worker's entry named by URL runs apart, so it closes no circle. */
  readonly loads: readonly string[];
}

function readModules(): Module[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs)$/.test(entry.name))
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      const file = path.relative(SRC, full).split(path.sep).join('/');
      const text = readFileSync(full, 'utf8').replace(/^\s*\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      const named = [...text.matchAll(SPECIFIER)].map((match) => ({
        byUrl: match[0].startsWith('new URL'),
        target: resolve(file, match[1] ?? ''),
      }));
      const imports = named.map((n) => n.target);
      const loads = named.filter((n) => !n.byUrl).map((n) => n.target);
      return { file, folder: file.split('/')[0] ?? '', imports, loads };
    })
    .filter((module) => module.folder !== 'types');
}

/** A relative specifier as a path under src/; package and node: names as they are. */
function resolve(file: string, spec: string): string {
  return spec.startsWith('.')
    ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
    : spec;
}

const modules = readModules();

describe('the layout of src/', () => {
  test('every folder has a place in the pipeline', () => {
    const folders = [...new Set(modules.map((m) => m.folder))].sort();
    expect(folders.filter((folder) => !(folder in RANK))).toEqual([]);
    expect(folders.length).toBe(Object.keys(RANK).length);
  });

  test('no file imports a folder higher in the pipeline than its own, or beside it', () => {
    const wrong = modules.flatMap((m) =>
      m.imports
        .filter((target) => !target.includes(':') && !target.startsWith('@'))
        .map((target) => ({ target, folder: target.split('/')[0] ?? '' }))
        .filter(({ folder }) => {
          if (folder === m.folder) return false;
          const mine = RANK[m.folder] ?? -1;
          const theirs = RANK[folder] ?? Infinity;
          return theirs > mine || theirs === mine;
        })
        .map(({ target }) => `${m.file} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  test('no imports go round in a circle, type-only ones included', () => {
    const graph = new Map(modules.map((m) => [m.file, m.loads.filter((t) => t.includes('/'))]));
    const circles = findCycles(graph).map((cycle) => cycle.join(' → '));
    expect(circles).toEqual([]);
  });

  test('the page views in site/ touch no files, threads, child processes or Eleventy', () => {
    const impure = modules
      .filter((m) => m.folder === 'site')
      .flatMap((m) =>
        m.imports
          .filter((t) => /^node:(fs|worker_threads|child_process)|^@11ty\//.test(t))
          .map((t) => `${m.file} → ${t}`),
      );
    expect(impure).toEqual([]);
  });

  test('the test reads imports: a known one is found', () => {
    const lists = modules.find((m) => m.file === 'site/list-views.ts');
    expect(lists?.imports).toContain('archive/paginate.ts');
    const pool = modules.find((m) => m.file === 'build/render-pool.ts');
    expect(pool?.imports).toContain('build/render-worker-entry.mjs');
  });
});

/** Every strongly connected group of more than one file, or a file importing itself (Tarjan). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || graph.get(node)?.includes(node) === true) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
