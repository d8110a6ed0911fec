// The parts of the checkers that the tests use which ship no types of their own (plain CommonJS).
declare module 'vnu-jar' {
  /** The path of vnu.jar. */
  const jar: string;
  export default jar;
}
declare module 'structured-data-testing-tool' {
  interface TestResult {
    readonly test: string;
    readonly description?: string;
    readonly group?: string;
    readonly error?: { readonly message?: string };
  }
  interface Report {
    readonly passed: readonly TestResult[];
    readonly failed: readonly TestResult[];
    readonly warnings: readonly TestResult[];
    readonly optional: readonly TestResult[];
  }
  export function structuredDataTest(
    html: string,
    options: { presets?: readonly unknown[]; schemas?: readonly string[] },
  ): Promise<Report>;
}
declare module 'structured-data-testing-tool/presets' {
  export const Google: unknown;
  export const Twitter: unknown;
  export const Facebook: unknown;
}
