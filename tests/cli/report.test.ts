import { describe, expect, test } from 'vitest';
import { reportFailure } from '../../src/cli/report.ts';
import { errorChain, errorFromChain } from '../../src/diagnostics/error-chain.ts';
import { GazetteError, type FailureKind } from '../../src/diagnostics/gazette-error.ts';

/** What the reporter writes for `error`, and the exit code it returns. */
function report(error: unknown, env: NodeJS.ProcessEnv = {}) {
  let err = '';
  const code = reportFailure(error, { err: (text) => void (err += text), env });
  return { code, err };
}

/** An error's stack without its first line, the one that repeats its message. */
function framesOf(error: Error): string {
  const stack = error.stack ?? '';
  expect(stack.split('\n')[0]).toBe(`GazetteError: ${error.message}`);
  return stack.slice(stack.indexOf('\n') + 1);
}

const UNEXPECTED = 'Gazette failed unexpectedly; please report this with the text below.\n';

describe('the failure reporter', () => {
  test('prints a usage error with the command whose help to read, exit 2', () => {
    const error = new GazetteError('usage', 'Unknown option "--port" for gazette build.', {
      command: 'build',
    });
    expect(report(error)).toEqual({
      code: 2,
      err: 'Unknown option "--port" for gazette build.\nRun `npx gazette build --help` for its options and examples.\n',
    });
  });

  test('points a usage error without a command to gazette --help', () => {
    expect(report(new GazetteError('usage', 'No command given.')).err).toBe(
      'No command given.\nRun `npx gazette --help` for its options and examples.\n',
    );
  });

  test.each<FailureKind>(['project', 'config', 'content', 'template', 'search'])(
    'prints a %s failure as its message alone, without a stack, exit 1',
    (kind) => {
      const error = new GazetteError(kind, 'What happened.\nWhat to do.', {
        cause: new Error('what lay under it'),
      });
      expect(report(error)).toEqual({ code: 1, err: 'What happened.\nWhat to do.\n' });
    },
  );

  test('reports anything else as a fault in Gazette, with its stack, exit 70', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(report(error)).toEqual({ code: 70, err: `${UNEXPECTED}${error.stack}\n` });
  });

  test('reports a thrown value that is not an Error as its text, exit 70', () => {
    expect(report('boom')).toEqual({ code: 70, err: `${UNEXPECTED}boom\n` });
  });

  test('treats an internal GazetteError as the fault it is', () => {
    const error = new GazetteError('internal', 'a render worker stopped with exit code 1');
    expect(report(error)).toEqual({ code: 70, err: `${UNEXPECTED}${error.stack}\n` });
  });

  test('adds the stacks of the error and its causes with GAZETTE_DEBUG=1', () => {
    const cause = new Error('EACCES: permission denied');
    const error = new GazetteError('project', 'Cannot write .cache/gazette/build.lock.', { cause });
    expect(report(error, { GAZETTE_DEBUG: '1' })).toEqual({
      code: 1,
      // The message is not repeated at the head of its stack.
      err: `Cannot write .cache/gazette/build.lock.\n${framesOf(error)}\nCaused by: ${cause.stack}\n`,
    });
    expect(report(error, { GAZETTE_DEBUG: 'yes' }).err).toBe(
      'Cannot write .cache/gazette/build.lock.\n',
    );
  });

  test("prints a fault's causes too, Eleventy's originalError included", () => {
    const inner = new Error('the innermost');
    const middle = Object.assign(new Error('the middle'), { originalError: inner });
    const error = new Error('the outer', { cause: middle });
    expect(report(error).err).toBe(
      `${UNEXPECTED}${error.stack}\nCaused by: ${middle.stack}\nCaused by: ${inner.stack}\n`,
    );
  });
});

describe('an error chain', () => {
  test('crosses a thread as plain data and comes back a GazetteError of the same kind', () => {
    const cause = new RangeError('Invalid time value');
    const error = new GazetteError('usage', 'The date is not a date.', { cause, command: 'new' });
    // As postMessage would send it.
    const chain = structuredClone(errorChain(error));
    const back = errorFromChain(chain);
    expect(back).toBeInstanceOf(GazetteError);
    expect(back).toMatchObject({ kind: 'usage', command: 'new', stack: error.stack });
    expect(report(back)).toEqual(report(error));
    expect(chain.map((link) => [link.name, link.message, link.kind])).toEqual([
      ['GazetteError', 'The date is not a date.', 'usage'],
      ['RangeError', 'Invalid time value', undefined],
    ]);
    expect(errorChain(back)).toEqual(chain);
  });
});
