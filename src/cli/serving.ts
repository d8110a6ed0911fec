import { isIP } from 'node:net';
import { flag, stringOption, usageError, type ParsedArgs } from './args.ts';

/** Where `serve` and `preview` listen, and whether they open the browser. */
export interface Serving {
  readonly port: number;
  /** The address to listen on; undefined for the command's default. */
  readonly host: string | undefined;
  readonly open: boolean;
}

/** The port both commands listen on unless told otherwise. */
export const DEFAULT_PORT = 8080;

/**
 * Reads `--port`, `--host` and `--open`, refusing a port that is not one and
 * a host that is neither an IP address nor a host name, as usage errors:
 * said before anything is built or watched.
 */
export function readServing(args: ParsedArgs, command: string): Serving {
  const given = stringOption(args, 'port');
  const port = given === undefined ? DEFAULT_PORT : Number(given);
  if (!/^\d+$/.test(given ?? '0') || port > 65535) {
    throw usageError(
      `The port must be a whole number from 0 to 65535, such as --port 8080, not "${given ?? ''}".`,
      command,
    );
  }
  const host = stringOption(args, 'host');
  if (host !== undefined && isIP(host) === 0 && !isHostName(host)) {
    throw usageError(
      `--host "${host}" is not an IP address or a host name; give one such as 127.0.0.1, 0.0.0.0 or localhost.`,
      command,
    );
  }
  return { port, host, open: flag(args, 'open') };
}

/**
 * The address to show and to open for a server listening on `host`: a
 * wildcard (every address) is reached as localhost, and an IPv6 address goes
 * in brackets.
 */
export function serverUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}/`;
}

function isHostName(host: string): boolean {
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(
    host,
  );
}
