import { urls } from '../archive/urls.ts';
import { plural } from '../diagnostics/plural.ts';
import { DATA_COLUMNS, type DataFilePlan } from './data-files.ts';
import { makeHead } from './head.ts';
import type { DataView, Link, RenderSite } from './view-types.ts';

/** What each data column holds, as the data page and docs/data.md say it. */
export const DATA_COLUMN_MEANINGS: Readonly<Record<(typeof DATA_COLUMNS)[number], string>> = {
  area: 'The area (police force) that published the release, as its page names it.',
  area_slug: 'The area’s short name in addresses: /areas/<area_slug>/.',
  headline: 'The release’s headline.',
  published:
    'When it was published: ISO 8601 with the offset of the site’s time zone, such as 2020-09-16T10:55:00+01:00.',
  url: 'The absolute address of the release’s page in this archive.',
  source_url: 'The address of the original release on the force’s own site.',
  description: 'A one-line summary of the release.',
};

/** The `/data/` page: the downloads, their columns and the terms they come under. */
export function buildDataPage(
  plans: readonly DataFilePlan[],
  areaNames: ReadonlyMap<string, string>,
  site: RenderSite,
  home: Link,
): DataView {
  const [all, ...areas] = plans;
  const total = all?.count ?? 0;
  const link = (plan: DataFilePlan, label: string) => ({
    label,
    csv: plan.csv,
    ndjson: plan.ndjson,
    count: plan.count,
  });
  return {
    ...makeHead(site, {
      kind: 'website',
      path: urls.data(),
      title: 'Data',
      description: `Every release in the archive as CSV and NDJSON: ${plural(total, 'release')}, with a file for each area.`,
      breadcrumbs: [home, { label: 'Data', url: urls.data() }],
    }),
    total,
    all: all === undefined ? null : link(all, 'Every release'),
    areas: areas.map((plan) => link(plan, areaNames.get(plan.area ?? '') ?? plan.area ?? '')),
    columns: DATA_COLUMNS.map((name) => ({ name, meaning: DATA_COLUMN_MEANINGS[name] })),
    licence:
      site.dataLicence === undefined
        ? null
        : { name: site.dataLicence.name, url: site.dataLicence.url ?? null },
  };
}
