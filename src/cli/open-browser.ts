import { spawn } from 'node:child_process';

/** A program and its arguments, as `spawn` takes them. */
export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The platform's own way to open a URL in the default browser: `open` on
 * macOS, `start` through cmd on Windows (its empty first argument is the
 * window title, and the URL is quoted so that cmd leaves its `&` alone),
 * `xdg-open` elsewhere.
 */
export function browserCommand(url: string, platform: NodeJS.Platform): CommandLine {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', `"${url}"`] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in the browser (`serve --open`, `preview --open`) without
 * waiting for it: the opener runs detached, and a machine without one (a
 * container, a server over SSH) gets a warning, not a failure, since the
 * site is served all the same.
 */
export function openBrowser(
  url: string,
  warn: (message: string) => void,
  platform: NodeJS.Platform = process.platform,
): void {
  const { command, args } = browserCommand(url, platform);
  const fail = (why: string) =>
    warn(`Could not open a browser (${command}: ${why}); open ${url} yourself.`);
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: 'ignore',
      // cmd reads its own quotes: Node's quoting of the arguments would double them.
      windowsVerbatimArguments: platform === 'win32',
    });
    child.once('error', (error) => fail(error.message));
    child.unref();
  } catch (error) {
    fail((error as Error).message);
  }
}
