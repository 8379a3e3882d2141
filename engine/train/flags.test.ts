import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { TRAIN_DEFAULTS } from './defaults.ts';
import { MAX_SEED, parseFlags } from './flags.ts';

const expectUsage = (argv: string[], message: string | RegExp): void => {
  expect(() => parseFlags(argv)).toThrow(UsageError);
  expect(() => parseFlags(argv)).toThrow(message);
};

describe('parseFlags', () => {
  it('says what --steps allows when given a negative number', () => {
    expectUsage(
      ['--task', 'sort', '--steps', '-3'],
      /^--steps must be a whole number of at least 1 \(got -3\)$/,
    );
    expectUsage(
      ['--task', 'sort', '--batch', '0'],
      '--batch must be a whole number of at least 1 (got 0)',
    );
  });

  it('takes counts in decimal digits only', () => {
    for (const v of ['1e2', '0x10', '1.5', 'abc', ' ']) {
      expectUsage(
        ['--task', 'sort', '--steps', v],
        `--steps must be a whole number of at least 1 (got ${v})`,
      );
    }
    expect(parseFlags(['--task', 'sort', '--steps', '100']).settings.steps).toBe(100);
  });

  it('says what --lr allows when given a negative number', () => {
    expectUsage(
      ['--task', 'sort', '--lr', '-1'],
      '--lr must be a positive number, such as 1e-3 (got -1)',
    );
    expectUsage(['--task', 'sort', '--lr=-.5'], '(got -.5)');
  });

  it('takes seeds from 0 to 2^32 - 1 and refuses negative ones', () => {
    expectUsage(
      ['--task', 'sort', '--seed', '-1'],
      `--seed must be a whole number from 0 to ${MAX_SEED} (got -1)`,
    );
    expectUsage(['--task', 'sort', '--seed', String(MAX_SEED + 1)], `(got ${MAX_SEED + 1})`);
    expect(parseFlags(['--task', 'sort', '--seed', String(MAX_SEED)]).settings.seed).toBe(MAX_SEED);
    expect(parseFlags(['--task', 'sort', '--seed', '0']).settings.seed).toBe(0);
  });

  it('reports parseArgs errors as one sentence without a trailing period', () => {
    expect(() => parseFlags(['--task', 'sort', '--nope', '1'])).toThrow(
      /^Unknown option '--nope'$/,
    );
    expect(() => parseFlags(['--task', 'sort', '--steps'])).toThrow(/argument missing$/);
  });

  it('reads good flags into the settings', () => {
    const run = parseFlags(['--task', 'sort', '--steps', '50', '--lr', '1e-3', '--out', 'x']);
    expect(run.settings.steps).toBe(50);
    expect(run.settings.lr).toBe(1e-3);
    expect(run.settings.minLr).toBeCloseTo(
      (TRAIN_DEFAULTS.sort.minLr / TRAIN_DEFAULTS.sort.lr) * 1e-3,
    );
    expect(run.out).toBe('x');
    expect(run.id).toBe('sort');
  });
});
