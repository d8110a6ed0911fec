import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../build/build-site.ts';
import { projectPaths } from '../model/project-paths.ts';

/**
 * Readies `gazette serve` for its
 * first real rebuild. Code V8 has run only once is slow: a server's first
 * addition took as long as a fresh process's. So the process builds a small
 * made-up archive with the project's own templates and site.json, in a
 * temporary folder: once from nothing, again after an addition and again
 * after an edit, which runs every step a real rebuild takes (parsing,
 * planning, comparing, rendering each kind of page, writing in place). The
 * project itself is not touched. Returns why it could not, for the log; a
 * process that could not warm up still builds.
 */
export async function warmUp(project: string): Promise<string | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-warm-up-'));
  try {
    const from = projectPaths(project);
    const to = projectPaths(dir);
    // The project's own templates, if any: the theme fills in the rest, as in the real build.
    if (existsSync(from.templates)) await cp(from.templates, to.templates, { recursive: true });
    const site = JSON.parse(await readFile(from.siteConfig, 'utf8')) as object;
    await writeFile(to.siteConfig, JSON.stringify({ ...site, contentDir: 'content' }));
    const content = path.join(dir, 'content');
    await mkdir(content);
    for (let i = 1; i <= 4; i++) await writeFile(path.join(content, `r${i}.md`), sampleRelease(i));
    const build = async () => {
      const result = await buildSite({ root: dir, env: {}, renderThreads: 1 });
      if (!result.ok) throw new Error('the sample archive did not build');
    };
    await build();
    await writeFile(path.join(content, 'r5.md'), sampleRelease(5));
    await build();
    await appendFile(path.join(content, 'r1.md'), '\nA sentence added by an editor.\n');
    await build();
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A made-up release in the house format, in one of two areas. */
function sampleRelease(n: number): string {
  const area = n % 2 === 0 ? 'Warmley' : 'Coldbrook';
  const host = `https://www.${area.toLowerCase()}.police.example`;
  const url = `${host}/news/2020/march/sample-release-${n}/`;
  return [
    '```yaml',
    `area: ${area}`,
    'og:',
    `  description: Sample release ${n}, written to ready gazette serve.`,
    `  image: ${host}/images/sample.jpg?w=600&amp;h=300`,
    '  locale: en_GB',
    `  title: Sample release ${n}`,
    '  type: website',
    `  url: ${url}`,
    'publish:',
    `  date: 1${n}:30 0${n}/03/2020`,
    `title: Sample release ${n} | ${area} Police`,
    `url: ${url}`,
    '```',
    '',
    `Officers in ${area} are *appealing* for information after a **sample** event.`,
    '',
    '> "Anyone who saw anything should contact us," said a spokesperson.',
    '',
    '- Call 101',
    `- Visit ${host}/contact`,
    '',
    `Read more at [our site](${host}/news/) or write to appeals@${area.toLowerCase()}.police.example.`,
    '',
  ].join('\n');
}
