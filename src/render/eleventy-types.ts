/** The part of Eleventy's configuration API that Gazette uses (Eleventy ships no types). */
export interface EleventyConfig {
  setTemplateFormats(formats: string[]): void;
  addPassthroughCopy(copy: Record<string, string>): void;
  addGlobalData(name: string, data: unknown): void;
  addWatchTarget(target: string): void;
  amendLibrary(
    engine: 'njk',
    amend: (env: { addFilter(name: string, filter: (value: string) => string): void }) => void,
  ): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options: T): void;
}
