import { z } from 'zod';
import { cleanText } from './front-matter.ts';
import { isShareImageUrl } from './share-image.ts';
import { toSlug } from './slug.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().transform(cleanText).pipe(z.string().min(1));
const url = z.string().refine(isShareImageUrl, { params: { rule: 'bad-url' } });

/** One area as areas.yaml describes it, under its slug. */
const areaEntrySchema = z.strictObject({
  name: text,
  aliases: z.array(text).default([]),
  description: text.optional(),
  image: z.strictObject({ url, alt: text }).optional(),
});

/** areas.yaml: `areas:`, then one entry per area slug. */
export const areaRegistrySchema = z.strictObject({
  areas: z.record(z.string().regex(SLUG), areaEntrySchema),
});

/** An area known to the registry. */
export interface Area {
  /** URL-safe slug, the key in areas.yaml: `leicestershire`. */
  readonly slug: string;
  /** Display name: `Leicestershire`. */
  readonly name: string;
  /** Other names releases use for it: `Leics`. */
  readonly aliases: readonly string[];
  /** One line about the area. */
  readonly description?: string;
  /** Default share picture for the area's releases. */
  readonly image?: { readonly url: string; readonly alt: string };
}

/** The areas a project knows, looked up by slug, name or alias. */
export class AreaRegistry {
  readonly #byKey: Map<string, Area>;

  constructor(
    readonly areas: readonly Area[],
    byKey: Map<string, Area>,
  ) {
    this.#byKey = byKey;
  }

  /**
   * The area a release's `area` names, by slug, name or alias, compared
   * ignoring case, accents and punctuation (`LEICS.` finds Leicestershire).
   */
  lookup(name: string): Area | undefined {
    return this.#byKey.get(lookupKey(name));
  }
}

/** Names compare as their slugs: case, accents, spacing and punctuation do not count. */
export function lookupKey(name: string): string {
  return toSlug(name);
}
