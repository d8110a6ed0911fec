import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { main, USAGE } from '../../src/cli/main.ts';
import { buildLockFile } from '../../src/build/build-lock.ts';
import { startLockChild } from '../unit/build/lock-children.ts';
import { captureIo, makeProject } from './helpers.ts';

async function gazette(...args: string[]) {
  const { io, streams } = captureIo(process.cwd());
  const code = await main(args, io);
  return { code, ...streams };
}

describe('gazette with no command or an unknown one', () => {
  test('no command prints the usage to stderr, exit 2', async () => {
    expect(await gazette()).toEqual({ code: 2, out: '', err: `${USAGE}\n` });
  });

  test('--help and help print the usage, exit 0', async () => {
    expect(await gazette('--help')).toEqual({ code: 0, out: `${USAGE}\n`, err: '' });
    expect(await gazette('help')).toEqual({ code: 0, out: `${USAGE}\n`, err: '' });
  });

  test('an unknown command is exit 2, naming it', async () => {
    const run = await gazette('publish');
    expect(run.code).toBe(2);
    expect(run.err).toBe(`Unknown command "publish".\n\n${USAGE}\n`);
  });

  test('the usage lists every command', () => {
    for (const command of COMMANDS)
      expect(USAGE).toContain(`\n  ${command.name.padEnd(8)} ${command.summary}\n`);
  });
});

describe('per-command help', () => {
  test.each(COMMANDS.map((c) => c.name))(
    'gazette %s --help shows its usage, options and examples',
    async (name) => {
      const run = await gazette(name, '--help');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(new RegExp(`^Usage: gazette ${name}\\b`));
      expect(run.out).toContain('  -h, --help');
      expect(run.out).toContain(`\nExamples:\n  gazette ${name}`);
      expect(await gazette('help', name)).toEqual(run);
    },
  );
});

describe('usage errors are exit 2 with a pointer to the help', () => {
  test.each([
    [['build', '--port', '9000'], 'Unknown option "--port" for gazette build.', 'build'],
    [['build', 'now'], 'gazette build takes no arguments, but was given "now".', 'build'],
    [['serve', '--fresh'], 'Unknown option "--fresh" for gazette serve.', 'serve'],
    [['preview', '--port'], 'The option --port needs a value: --port <n>.', 'preview'],
    [['check', '--json=yes'], 'The option --json takes no value.', 'check'],
    [['import'], 'gazette import needs at least one folder or release file to import.', 'import'],
    [['new', '--root'], 'The option --root needs a value: --root <dir>.', 'new'],
  ])('%j', async (args, message, command) => {
    expect(await gazette(...args)).toEqual({
      code: 2,
      out: '',
      err: `${message}\nRun \`npx gazette ${command} --help\` for its options and examples.\n`,
    });
  });
});

describe('gazette serve while another process builds the project', () => {
  test('is refused at once, naming that process, before a watcher starts', async () => {
    const root = await makeProject();
    const builder = await startLockChild(root, 'gazette build');
    try {
      builder.ask();
      expect(await builder.answer()).toBe('locked');
      const run = await gazette('serve', '--root', root);
      expect(run.code).toBe(1);
      expect(run.err).toContain(
        `Another Gazette process is building this project: gazette build (process ${builder.pid} since `,
      );
      expect(run.err).toContain(`delete ${buildLockFile(root)}.`);
    } finally {
      await builder.kill();
    }
  });
});
