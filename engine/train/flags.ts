/**
 * The training command's flags: read, checked and turned into the run's settings.
 * Every bad flag is a UsageError saying what is allowed and what was given.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { CARD_ID_PATTERN } from '../io/model-card.ts';
import type { PosEncoding } from '../model/config.ts';
import { TRAIN_DEFAULTS, type TrainSettings } from './defaults.ts';
import { isTaskName, TASKS, type Task } from './tasks/index.ts';

export const USAGE =
  'usage: npm run train -- --task <' +
  Object.keys(TASKS).join('|') +
  '> [--steps N] [--seed S] [--out DIR] [--id ID] [--pos learned|sinusoidal] [--batch N] [--lr X]';
/** Where models go unless --out says otherwise (relative to the working directory). */
export const DEFAULT_OUT = 'assets/models';
/**
 * Largest seed: the generator keeps 32 bits of state (makeRng takes seed >>> 0), so seeds are
 * 0 to 2^32 - 1 and each names one stream; a negative seed would alias a large one, so it is
 * refused.
 */
export const MAX_SEED = 2 ** 32 - 1;
/** A negative number given as a flag's value, which parseArgs would take for an option. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

const OPTIONS = {
  task: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string' },
  pos: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
} as const;

export interface Run {
  task: Task;
  settings: TrainSettings;
  out: string;
  id: string;
}

/** `--steps -3` as `--steps=-3`, so a negative value reaches the range check. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const next = argv[i + 1];
    if (Object.hasOwn(OPTIONS, name) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** A whole-number flag from min to max, or undefined when absent. */
function wholeFlag(name: string, v: string | undefined, min: number, max = Infinity) {
  if (v === undefined) return undefined;
  const n = Number(v);
  // Written in decimal digits: 1e2 and 0x10 are numbers, but not what a person means by a count
  if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range} (got ${v})`);
  }
  return n;
}

/**
 * Reads the flags.
 * @throws UsageError saying which flag is wrong, what is allowed and what was given
 */
export function parseFlags(argv: readonly string[]): Run {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    // parseArgs says more than one sentence; the first names the problem
    throw new UsageError((e as Error).message.split(/\.(\s|$)/)[0]);
  }
  const name = values.task;
  if (name === undefined) throw new UsageError('--task is required');
  if (!isTaskName(name)) {
    throw new UsageError(`unknown task '${name}' (known: ${Object.keys(TASKS).join(', ')})`);
  }
  const base = TRAIN_DEFAULTS[name];
  const pos = values.pos ?? base.model.posEncoding;
  if (pos !== 'learned' && pos !== 'sinusoidal') {
    throw new UsageError(`--pos must be learned or sinusoidal (got ${pos})`);
  }
  const lr = values.lr === undefined ? base.lr : Number(values.lr);
  if (!(lr > 0) || !Number.isFinite(lr) || values.lr?.trim() === '') {
    throw new UsageError(`--lr must be a positive number, such as 1e-3 (got ${values.lr})`);
  }
  const steps = wholeFlag('steps', values.steps, 1) ?? base.steps;
  const settings: TrainSettings = {
    ...base,
    model: { ...base.model, posEncoding: pos as PosEncoding },
    steps,
    warmupSteps: Math.min(base.warmupSteps, Math.floor(steps / 10)),
    seed: wholeFlag('seed', values.seed, 0, MAX_SEED) ?? base.seed,
    batchSize: wholeFlag('batch', values.batch, 1) ?? base.batchSize,
    lr,
    minLr: (base.minLr / base.lr) * lr,
  };
  const id = values.id ?? (pos === base.model.posEncoding ? name : `${name}-${pos}`);
  if (!CARD_ID_PATTERN.test(id)) {
    throw new UsageError(`--id must be lowercase letters, digits, '.', '_' or '-' (got ${id})`);
  }
  return { task: TASKS[name], settings, out: values.out ?? DEFAULT_OUT, id };
}
