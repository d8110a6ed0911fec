import { statSync } from 'node:fs';

/**
 * A project folder that lacks something a build needs (its content or
 * templates folder): the publisher's to fix, so it is reported without a stack.
 */
export class ProjectError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProjectError';
  }
}

/** Throws a ProjectError saying what `dir` is for when it is not a folder. */
export function requireFolder(dir: string, what: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // Missing or unreadable: not a folder we can use.
  }
  if (!isFolder) throw new ProjectError(`${dir} does not exist or is not a folder: ${what}`);
}
