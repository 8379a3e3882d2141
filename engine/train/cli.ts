/**
 * The training command:
 *   npm run train -- --task sort [--steps N] [--seed S] [--out DIR] [--id ID]
 *                    [--pos learned|sinusoidal] [--batch N] [--lr X]
 * Trains a tiny GPT on a task with the engine (float32), shows a progress bar, prints one line
 * per evaluation, then writes <out>/<id>.safetensors and <out>/<id>.json (the model card) and
 * lists the id in <out>/index.json. Bad flags: one error line, exit code 2.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { saveModelFiles, type ModelCard } from '../io/model-file.ts';
import type { PosEncoding } from '../model/config.ts';
import { TRAIN_DEFAULTS, type TrainSettings } from './defaults.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { isTaskName, promptsOf, TASKS, type Task } from './tasks/index.ts';
import { train, type EvalReport } from './train.ts';

const USAGE =
  'usage: npm run train -- --task <' +
  Object.keys(TASKS).join('|') +
  '> [--steps N] [--seed S] [--out DIR] [--id ID] [--pos learned|sinusoidal] [--batch N] [--lr X]';
/** Where models go unless --out says otherwise (relative to the working directory). */
const DEFAULT_OUT = 'assets/models';
/** Tasks with at most this many prompts are measured on every prompt at the end. */
const FULL_EVAL_LIMIT = 10_000;
/** Exit code for bad command-line flags (as getopt tools use). */
const EXIT_USAGE = 2;
/** Refresh interval of the progress bar when the output is not a terminal, in ms. */
const LOG_FILE_REFRESH_MS = 15_000;

class UsageError extends Error {}

interface Run {
  task: Task;
  settings: TrainSettings;
  out: string;
  id: string;
}

function intFlag(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${v}'`);
  }
  return n;
}

/** Reads the flags. @throws UsageError saying which flag is wrong */
function parseFlags(argv: string[]): Run {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        task: { type: 'string' },
        steps: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        id: { type: 'string' },
        pos: { type: 'string' },
        batch: { type: 'string' },
        lr: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const name = values.task;
  if (name === undefined) throw new UsageError('--task is required');
  if (!isTaskName(name)) {
    throw new UsageError(`unknown task '${name}' (known: ${Object.keys(TASKS).join(', ')})`);
  }
  const base = TRAIN_DEFAULTS[name];
  const pos = values.pos ?? base.model.posEncoding;
  if (pos !== 'learned' && pos !== 'sinusoidal') {
    throw new UsageError(`--pos must be learned or sinusoidal, got '${pos}'`);
  }
  const lr = values.lr === undefined ? base.lr : Number(values.lr);
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new UsageError(`--lr must be a positive number, got '${values.lr}'`);
  }
  const steps = intFlag('steps', values.steps, 1) ?? base.steps;
  const settings: TrainSettings = {
    ...base,
    model: { ...base.model, posEncoding: pos as PosEncoding },
    steps,
    warmupSteps: Math.min(base.warmupSteps, Math.floor(steps / 10)),
    seed: intFlag('seed', values.seed, 0) ?? base.seed,
    batchSize: intFlag('batch', values.batch, 1) ?? base.batchSize,
    lr,
    minLr: (base.minLr / base.lr) * lr,
  };
  const id = values.id ?? (pos === base.model.posEncoding ? name : `${name}-${pos}`);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id)) {
    throw new UsageError(`--id must be lowercase letters, digits, '.', '_' or '-', got '${id}'`);
  }
  return { task: TASKS[name], settings, out: values.out ?? DEFAULT_OUT, id };
}

const fmt = (x: number, digits = 4) => x.toFixed(digits);
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

function evalLine(r: EvalReport): string {
  return (
    `step ${r.step}: train loss ${fmt(r.train.loss)} exact ${pct(r.train.accuracy)} | ` +
    `held-out loss ${fmt(r.heldout.loss)} exact ${pct(r.heldout.accuracy)} (${r.heldout.n} prompts)`
  );
}

/** The machine, in words. */
function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

/** Adds or replaces the id in <out>/index.json (created when absent). */
function updateIndex(out: string, card: ModelCard): void {
  const file = path.join(out, 'index.json');
  const index = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { models: { id: string }[]; default?: string })
    : { models: [] };
  const entry = {
    id: card.id,
    name: card.name,
    task: card.task.name,
    description: card.description,
  };
  const i = index.models.findIndex((m) => m.id === card.id);
  if (i >= 0) index.models[i] = entry;
  else index.models.push(entry);
  index.default ??= card.id;
  writeFileSync(file, `${JSON.stringify(index, null, 2)}\n`);
}

async function main(): Promise<void> {
  const run = parseFlags(process.argv.slice(2));
  const { task, settings: s } = run;
  console.log(
    `train: task ${task.name}, ${s.model.nLayer} layers x ${s.model.nHead} heads x ${s.model.nEmbd} wide, ` +
      `${s.model.posEncoding} positions, ${s.steps} steps of ${s.batchSize} sequences, seed ${s.seed}`,
  );

  const bars = new cliProgress.MultiBar({
    format:
      'step {value}/{total} | loss {loss} | {tps} tokens/s | {duration_formatted} elapsed, {eta_formatted} left',
    noTTYOutput: true,
    notTTYSchedule: LOG_FILE_REFRESH_MS,
    hideCursor: true,
  });
  const bar = bars.create(s.steps, 0, { loss: '-', tps: '-' });
  const result = await train(task, s, {
    onStep: (r) =>
      bar.update(r.step, { loss: fmt(r.loss), tps: Math.round(r.tokens / (r.elapsedMs / 1000)) }),
    onEval: (r) => {
      bars.log(`${evalLine(r)}\n`);
      bars.update(); // draw now: the log buffer is otherwise dropped by stop() after the last step
    },
  });
  bars.stop();

  // final measurement: every prompt when there are few, else the whole held-out split
  const heldout = evaluate(result.model, task, promptsOf(task, 'heldout'));
  const small = task.promptCount <= FULL_EVAL_LIMIT;
  const exact: Evaluation = small ? evaluate(result.model, task, promptsOf(task, 'all')) : heldout;
  const evaluatedOn = small
    ? `all ${exact.n} prompts (of which ${heldout.n} held out, never trained on: ${task.heldOutRule}; held-out exact match ${pct(heldout.accuracy)})`
    : `every held-out prompt, never trained on (${task.heldOutRule})`;
  const last = result.evals[result.evals.length - 1];
  console.log(`exact match ${pct(exact.accuracy)} on ${evaluatedOn}`);
  console.log(`held-out loss ${fmt(heldout.loss)}; trained in ${result.seconds.toFixed(1)} s`);

  const card: ModelCard = {
    id: run.id,
    name: `${task.name} (${s.model.nLayer}x${s.model.nHead}x${s.model.nEmbd}, ${s.model.posEncoding} positions)`,
    description: task.description,
    config: {} as ModelCard['config'], // rewritten from the model by saveModelFiles
    task: {
      name: task.name,
      vocab: [...task.vocab],
      prompt_length: task.promptLength,
      answer_length: task.answerLength,
      input_rule: task.inputRule,
      held_out_rule: task.heldOutRule,
    },
    training: {
      steps: s.steps,
      batch_size: s.batchSize,
      learning_rate: s.lr,
      min_learning_rate: s.minLr,
      weight_decay: s.weightDecay,
      warmup_steps: s.warmupSteps,
      grad_clip: s.gradClip,
      betas: [s.beta1, s.beta2],
      adam_eps: s.eps,
      seed: s.seed,
      schedule: 'linear warm-up, then cosine decay to min_learning_rate',
      loss: 'mean cross-entropy over the answer positions',
      precision: 'float32',
      evaluations: result.evals.map((r) => ({
        step: r.step,
        train_loss: r.train.loss,
        heldout_loss: r.heldout.loss,
        heldout_exact_match: r.heldout.accuracy,
      })),
    },
    results: {
      final_train_loss: last.train.loss,
      final_val_loss: heldout.loss,
      exact_match: { accuracy: exact.accuracy, evaluated_on: evaluatedOn, n: exact.n },
      training_seconds: Math.round(result.seconds * 10) / 10,
      machine: machine(),
    },
    date: new Date().toISOString(),
  };
  const files = saveModelFiles(result.model, card);
  mkdirSync(run.out, { recursive: true });
  writeFileSync(path.join(run.out, `${run.id}.safetensors`), files.safetensors);
  writeFileSync(path.join(run.out, `${run.id}.json`), files.card);
  updateIndex(run.out, JSON.parse(files.card) as ModelCard);
  console.log(`wrote ${path.join(run.out, run.id)}.safetensors and .json`);
}

main().catch((e: unknown) => {
  if (!(e instanceof UsageError)) throw e;
  console.error(`train: ${e.message}. ${USAGE}`);
  process.exit(EXIT_USAGE);
});
