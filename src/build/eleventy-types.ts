/** The part of Eleventy's configuration API that Gazette uses (Eleventy ships no types). */
export interface EleventyConfig {
  setTemplateFormats(formats: string[]): void;
  /** Whether to skip what the project's .gitignore lists (default true). */
  setUseGitIgnore(enabled: boolean): void;
  /** Globs of input files to leave out, relative to the working folder. */
  readonly ignores: Set<string>;
  addPassthroughCopy(copy: Record<string, string>): void;
  addGlobalData(name: string, data: unknown): void;
  addWatchTarget(target: string): void;
  amendLibrary(
    engine: 'njk',
    amend: (env: { addFilter(name: string, filter: (value: string) => string): void }) => void,
  ): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options: T): void;
  addExtension(extension: string, definition: TemplateExtension): void;
  on(event: 'eleventy.engine.njk', listener: (engine: NunjucksEngineEvent) => void): void;
  on(
    event: 'eleventy.after',
    listener: (run: { readonly dir: { readonly output: string } }) => void,
  ): void;
}

/** An `addExtension` definition, as far as Gazette uses it. */
export interface TemplateExtension {
  readonly compileOptions?: { readonly cache?: boolean; readonly permalink?: boolean };
  compile(source: string, inputPath: string): (data: unknown) => Promise<string>;
}

/** What Eleventy announces when it has set up Nunjucks: the library and its environment. */
export interface NunjucksEngineEvent {
  readonly nunjucks: {
    Template: new (
      source: string,
      environment: unknown,
      path: string,
      eagerCompile: boolean,
    ) => NunjucksTemplate;
  };
  readonly environment: unknown;
}

/** A Nunjucks template, compiled on its first render and then reused. */
export interface NunjucksTemplate {
  render(data: unknown, done: (error: Error | null, result: string) => void): void;
}
