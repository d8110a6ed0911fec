import { describe, expect, test } from 'vitest';
import { loadReleases } from '../../src/load/load-releases.ts';
import { loadAreaRegistry, parseAreaRegistry } from '../../src/load/area-registry.ts';
import { makeProject, repo } from './helpers.ts';

const GOOD = `areas:
  leicestershire:
    name: Leicestershire
    aliases: [Leics, Leicestershire Police]
    description: Leicester, Leicestershire and Rutland.
    image:
      url: https://gazette.example/a.png?w=1&amp;h=2
      alt: Badge
  west-vale:
    name: West Vale
`;

function problems(source: string) {
  const result = parseAreaRegistry('areas.yaml', source);
  if (result.ok) throw new Error('expected problems');
  return result.diagnostics.map((d) => [`${d.line}:${d.column}`, d.field, d.rule, d.reason]);
}

describe('the area registry', () => {
  test('finds an area by slug, name or alias, ignoring case, accents and punctuation', () => {
    const result = parseAreaRegistry('areas.yaml', GOOD);
    if (!result.ok || result.registry === null) throw new Error('expected a registry');
    const { registry } = result;
    for (const name of [
      'leicestershire',
      'Leicestershire',
      'LEICS.',
      'Leicestershire  Police',
      'léics',
    ]) {
      expect(registry.lookup(name)?.slug).toBe('leicestershire');
    }
    expect(registry.lookup('West Vale')?.name).toBe('West Vale');
    expect(registry.lookup('Rutland')).toBeUndefined();
    expect(registry.lookup('leicestershire')).toEqual({
      slug: 'leicestershire',
      name: 'Leicestershire',
      aliases: ['Leics', 'Leicestershire Police'],
      description: 'Leicester, Leicestershire and Rutland.',
      image: { url: 'https://gazette.example/a.png?w=1&amp;h=2', alt: 'Badge' },
    });
  });

  test('no areas.yaml means no registry, not an error', async () => {
    expect(await loadAreaRegistry(await makeProject())).toEqual({ ok: true, registry: null });
  });

  test("the project's own areas.yaml is valid and knows every area in content/", async () => {
    const result = await loadAreaRegistry(repo);
    if (!result.ok || result.registry === null) throw new Error(JSON.stringify(result));
    const { releases } = await loadReleases(repo, 'content', { timeZone: 'Europe/London' });
    const areas = [...new Set(releases.map((r) => r.area))];
    expect(areas.length).toBeGreaterThan(1);
    for (const area of areas) expect(result.registry.lookup(area)?.name).toBe(area);
  });

  test('every problem is located in the file and names the field', () => {
    const source = `areas:
  Leics:
    name: Leicestershire
  orrindale:
    name: ""
    alias: [Orr]
    image:
      url: javascript:alert(1)
  saltmere:
    aliases: Saltmere Police
`;
    expect(problems(source)).toEqual([
      [
        '2:3',
        'areas.Leics',
        'registry-bad-slug',
        'The area slug "Leics" is not a slug: area slugs are lowercase letters, digits and single hyphens.',
      ],
      [
        '5:11',
        'areas.orrindale.name',
        'registry-field',
        'The area field "areas.orrindale.name" is empty.',
      ],
      [
        '8:12',
        'areas.orrindale.image.url',
        'registry-field',
        'The area field "areas.orrindale.image.url" is neither a path on the site (/assets/…) nor an absolute http or https URL.',
      ],
      [
        '7:5',
        'areas.orrindale.image.alt',
        'registry-field',
        'The area field "areas.orrindale.image.alt" is missing.',
      ],
      ['6:12', 'areas.orrindale.alias', 'registry-unknown-field', '"alias" is not an area field.'],
      [
        '9:3',
        'areas.saltmere.name',
        'registry-field',
        'The area field "areas.saltmere.name" is missing.',
      ],
      [
        '10:14',
        'areas.saltmere.aliases',
        'registry-field',
        'The area field "areas.saltmere.aliases" has the wrong type: a list of names is expected.',
      ],
    ]);
  });

  test('a name or alias given to two areas is an error naming both', () => {
    const source =
      'areas:\n  a:\n    name: Alpha\n    aliases: [Vale]\n  b:\n    name: Beta\n    aliases: [VALE]\n';
    expect(problems(source)).toEqual([
      [
        '7:14',
        'areas.b.aliases.0',
        'registry-clash',
        '"VALE" would name two areas: it is also the name, slug or alias of "Alpha".',
      ],
    ]);
  });

  test('YAML syntax errors and a file without "areas:" are located', () => {
    expect(problems('areas:\n  a:\n    name: [x\n')).toEqual([
      [
        '4:1',
        undefined,
        'registry-syntax',
        expect.stringContaining('areas.yaml is not valid YAML'),
      ],
    ]);
    expect(problems('- a\n- b\n')).toEqual([
      [
        '1:1',
        undefined,
        'registry-shape',
        'areas.yaml must hold one group, "areas:", with an entry for each area under its slug.',
      ],
    ]);
  });
});
