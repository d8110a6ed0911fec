import { describe, expect, test } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { browserCommand } from '../../src/cli/open-browser.ts';
import { readServing, serverUrl } from '../../src/cli/serving.ts';

const preview = COMMANDS.find((c) => c.name === 'preview');
const read = (...argv: string[]) => {
  if (preview === undefined) throw new Error('no preview command');
  return readServing(parseCommandArgs(preview, argv), 'preview');
};

describe('--port, --host and --open', () => {
  test('default to port 8080, the command’s own host and no browser', () => {
    expect(read()).toEqual({ port: 8080, host: undefined, open: false });
  });

  test('are read as given', () => {
    expect(read('--port', '0', '--host', '::1', '--open')).toEqual({
      port: 0,
      host: '::1',
      open: true,
    });
    expect(read('--host', 'archive.local').host).toBe('archive.local');
  });

  test.each(['eighty', '8080.5', '65536', '0x50', ' 80'])('refuse --port %j', (port) => {
    expect(() => read(`--port=${port}`)).toThrow(
      `The port must be a whole number from 0 to 65535, such as --port 8080, not "${port}".`,
    );
  });

  test.each(['http://x.example', 'a b', 'host:80', '-x'])('refuse --host %s', (host) => {
    expect(() => read(`--host=${host}`)).toThrow(`--host "${host}" is not an IP address`);
  });
});

describe('the URL a server shows and opens', () => {
  test('reaches a wildcard address as localhost and puts IPv6 in brackets', () => {
    expect(serverUrl('0.0.0.0', 80)).toBe('http://localhost:80/');
    expect(serverUrl('::', 80)).toBe('http://localhost:80/');
    expect(serverUrl('::1', 8080)).toBe('http://[::1]:8080/');
    expect(serverUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080/');
  });
});

describe('the browser opener', () => {
  test.each([
    ['darwin', 'open', ['http://localhost:8080/?a=1&b=2']],
    ['win32', 'cmd', ['/c', 'start', '""', '"http://localhost:8080/?a=1&b=2"']],
    ['linux', 'xdg-open', ['http://localhost:8080/?a=1&b=2']],
    ['freebsd', 'xdg-open', ['http://localhost:8080/?a=1&b=2']],
  ] as const)('on %s is %s', (platform, command, args) => {
    expect(browserCommand('http://localhost:8080/?a=1&b=2', platform)).toEqual({ command, args });
  });
});
