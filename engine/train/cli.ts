/**
 * The training command:
 *   npm run train -- --task sort [--steps N] [--seed S] [--out DIR] [--id ID]
 *                    [--pos learned|sinusoidal] [--batch N] [--lr X]
 * Checks the flags and that --out is a writable directory, trains a tiny GPT on a task with the
 * engine (float32) under a progress bar, printing one line per evaluation, measures the result
 * under a second bar, then writes <out>/<id>.safetensors and <out>/<id>.json (the model card)
 * and lists the id in <out>/index.json. Bad flags or an unusable --out: one `train: ...` line,
 * exit code 2, before any training. A file that cannot be written at the end: one line, exit 1.
 */
import os from 'node:os';
import cliProgress from 'cli-progress';
import { GlassboxError, UsageError } from '../errors.ts';
import { saveModelFiles, type ModelCard } from '../io/model-file.ts';
import type { Model } from '../model/weights.ts';
import { evaluateAsync, type Evaluation } from './evaluate.ts';
import { parseFlags, USAGE, type Run } from './flags.ts';
import { prepareOutDir, writeModel } from './output.ts';
import { promptsOf, type Task } from './tasks/index.ts';
import { train, type EvalReport } from './train.ts';

/** Tasks with at most this many prompts are measured on every prompt at the end. */
const FULL_EVAL_LIMIT = 10_000;
/** Exit code for bad command-line flags or an unusable --out (as getopt tools use). */
const EXIT_USAGE = 2;
/** Exit code when the run fails after it started (the model could not be saved). */
const EXIT_FAILURE = 1;
/** Refresh interval of the progress bar when the output is not a terminal, in ms. */
const LOG_FILE_REFRESH_MS = 15_000;

/** Progress bars that draw in place on a terminal and as a line per refresh in a log file. */
const makeBars = (format: string) =>
  new cliProgress.MultiBar({
    format,
    noTTYOutput: true,
    notTTYSchedule: LOG_FILE_REFRESH_MS,
    hideCursor: true,
  });

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

/**
 * Flags and --out, checked before any training.
 * @returns the run, or undefined once the error line is printed
 */
function checkRun(argv: string[]): Run | undefined {
  try {
    const run = parseFlags(argv);
    prepareOutDir(run.out);
    return run;
  } catch (e) {
    if (!(e instanceof GlassboxError)) throw e;
    console.error(`train: ${e.message}`);
    if (e instanceof UsageError) console.error(USAGE);
    return undefined;
  }
}

/**
 * The final measurement under its own progress bar: every prompt when there are few, else the
 * whole held-out split.
 */
async function finalEvaluation(model: Model, task: Task) {
  const heldoutPrompts = promptsOf(task, 'heldout');
  const small = task.promptCount <= FULL_EVAL_LIMIT;
  const allPrompts = small ? promptsOf(task, 'all') : [];
  const total = heldoutPrompts.length + allPrompts.length;
  console.log(
    small
      ? `evaluating ${total} prompts: the ${heldoutPrompts.length} held out, ` +
          `then all ${allPrompts.length}`
      : `evaluating the ${total} held-out prompts`,
  );
  const bars = makeBars(
    'evaluating {value}/{total} prompts | {duration_formatted} elapsed, {eta_formatted} left',
  );
  const bar = bars.create(total, 0);
  const heldout = await evaluateAsync(model, task, heldoutPrompts, (n) => bar.update(n));
  const exact: Evaluation = small
    ? await evaluateAsync(model, task, allPrompts, (n) => bar.update(heldout.n + n))
    : heldout;
  bars.stop();
  const evaluatedOn = small
    ? `all ${exact.n} prompts (of which ${heldout.n} held out, never trained on: ${task.heldOutRule}; held-out exact match ${pct(heldout.accuracy)})`
    : `every held-out prompt, never trained on (${task.heldOutRule})`;
  return { heldout, exact, evaluatedOn };
}

async function main(): Promise<number> {
  const run = checkRun(process.argv.slice(2));
  if (!run) return EXIT_USAGE;
  const { task, settings: s } = run;
  console.log(
    `train: task ${task.name}, ${s.model.nLayer} layers x ${s.model.nHead} heads x ${s.model.nEmbd} wide, ` +
      `${s.model.posEncoding} positions, ${s.steps} steps of ${s.batchSize} sequences, seed ${s.seed}`,
  );

  const bars = makeBars(
    'step {value}/{total} | loss {loss} | {tps} tokens/s | {duration_formatted} elapsed, {eta_formatted} left',
  );
  const bar = bars.create(s.steps, 0, { loss: '-', tps: '-' });
  const result = await train(task, s, {
    onStep: (r) =>
      bar.update(r.step, { loss: fmt(r.loss), tps: Math.round(r.tokens / (r.elapsedMs / 1000)) }),
    onEval: (r) => {
      // the last step's line follows stop(), whose final drawing of the bar would else repeat it
      if (r.step === s.steps) return;
      bars.log(`${evalLine(r)}\n`);
      bars.update(); // draw now: the log buffer is otherwise dropped by stop()
    },
  });
  bars.stop();
  const last = result.evals[result.evals.length - 1];
  console.log(evalLine(last));

  const evalStart = performance.now();
  const { heldout, exact, evaluatedOn } = await finalEvaluation(result.model, task);
  const evalSeconds = (performance.now() - evalStart) / 1000;
  console.log(`exact match ${pct(exact.accuracy)} on ${evaluatedOn}`);
  console.log(
    `held-out loss ${fmt(heldout.loss)}; trained in ${result.seconds.toFixed(1)} s, ` +
      `final evaluation ${evalSeconds.toFixed(1)} s`,
  );

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
  try {
    const files = saveModelFiles(result.model, card);
    const written = writeModel(run.out, files, JSON.parse(files.card) as ModelCard);
    console.log(`wrote ${written.join(', ')}`);
  } catch (e) {
    if (!(e instanceof GlassboxError)) throw e;
    console.error(`train: ${e.message}; the trained model was not saved`);
    return EXIT_FAILURE;
  }
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
