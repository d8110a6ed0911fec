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

/** Throws a ProjectError naming `what` when `dir` is not a folder. */
export function requireFolder(dir: string, isFolder: boolean, what: string): void {
  if (!isFolder) throw new ProjectError(`${dir} does not exist or is not a folder: ${what}`);
}
