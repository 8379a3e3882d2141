/**
 * The training loop: seeded init, batches of task examples, forward with the engine, backward,
 * clipping, AdamW with a warm-up + cosine schedule, and periodic evaluation.
 *
 * Dimension legend:
 *   B   sequences per step (batchSize), L = task.blockSize input positions each
 *
 * Everything random comes from two generators seeded from settings.seed (the initial weights,
 * and the data order), so a seed fixes the final weights bit for bit. The loop never logs: it
 * reports through the hooks.
 */
import { makeConfig, type ModelConfig } from '../model/config.ts';
import { forward } from '../model/gpt.ts';
import { randomModel, type Model } from '../model/weights.ts';
import { makeRng } from '../random.ts';
import type { Tensor } from '../tensor.ts';
import { gptBackward, trainableNames, zeroGradients, type BatchItem } from './backward.ts';
import type { TrainSettings } from './defaults.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { clipGradNorm, createAdamW, learningRate } from './optim.ts';
import { makeExample, promptsOf, samplePrompt, type Task } from './tasks/task.ts';

/** Added to the seed for the data-order generator, so it differs from the init generator. */
const DATA_SEED_OFFSET = 0x9e3779b9;
/** Added to the seed for the generator that picks the fixed evaluation prompts. */
const EVAL_SEED_OFFSET = 0x85ebca6b;

export interface StepReport {
  /** Steps done, from 1. */
  readonly step: number;
  /** Mean training loss of this step's batch. */
  readonly loss: number;
  /** Learning rate used. */
  readonly lr: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Input tokens processed so far. */
  readonly tokens: number;
  /** Milliseconds since the start. */
  readonly elapsedMs: number;
}

export interface EvalReport {
  /** Steps done when measured. */
  readonly step: number;
  /** On a fixed sample of training prompts. */
  readonly train: Evaluation;
  /** On a fixed sample of held-out prompts. */
  readonly heldout: Evaluation;
}

export interface TrainHooks {
  onStep?(report: StepReport): void;
  onEval?(report: EvalReport): void;
}

export interface TrainResult {
  readonly model: Model;
  /** Every evaluation, the last one after the final step. */
  readonly evals: readonly EvalReport[];
  /** Wall-clock seconds of the loop, evaluations included. */
  readonly seconds: number;
}

/** The model config a task and a settings block describe. */
export function taskConfig(task: Task, s: TrainSettings): ModelConfig {
  return makeConfig({ ...s.model, vocabSize: task.vocab.length, blockSize: task.blockSize });
}

/** Tasks with at most this many prompts are listed in full to pick evaluation prompts. */
const LISTABLE_PROMPTS = 10_000;

/**
 * A fixed seeded sample of n distinct prompts of a split (the whole split when it is smaller);
 * large tasks draw with rejection sampling, where repeats are vanishingly rare.
 */
export function evalSample(task: Task, split: 'train' | 'heldout', n: number, seed: number) {
  const rng = makeRng(seed + EVAL_SEED_OFFSET);
  if (task.promptCount > LISTABLE_PROMPTS) {
    return Array.from({ length: n }, () => samplePrompt(task, rng, split));
  }
  const all = promptsOf(task, split);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(i + 1); // Fisher-Yates shuffle
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, n);
}

/** Lets timers and I/O run (a progress bar, a page) between steps: one macrotask turn. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Trains a fresh model on a task, giving the event loop a turn after every step. */
export async function train(
  task: Task,
  s: TrainSettings,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const start = performance.now();
  const config = taskConfig(task, s);
  const model = randomModel(config, s.seed);
  const dataRng = makeRng(s.seed + DATA_SEED_OFFSET);
  const params = new Map<string, Tensor>(
    trainableNames(config).map((n) => [n, model.weights.get(n)!]),
  );
  const opt = createAdamW(params, s);
  const evalTrain = evalSample(task, 'train', s.evalPrompts, s.seed);
  const evalHeld = evalSample(task, 'heldout', s.evalPrompts, s.seed + 1);
  const evals: EvalReport[] = [];
  const schedule = { lr: s.lr, minLr: s.minLr, warmupSteps: s.warmupSteps, decaySteps: s.steps };
  let tokens = 0;

  const runEval = (step: number): void => {
    const report = {
      step,
      train: evaluate(model, task, evalTrain),
      heldout: evaluate(model, task, evalHeld),
    };
    evals.push(report);
    hooks.onEval?.(report);
  };

  for (let step = 0; step < s.steps; step++) {
    // a batch of training examples through the engine's forward
    const batch: BatchItem[] = [];
    for (let b = 0; b < s.batchSize; b++) {
      const { input, targets } = makeExample(task, samplePrompt(task, dataRng, 'train'));
      batch.push({ trace: forward(model, input).trace, targets });
      tokens += input.length;
    }

    // backward, clip, update
    const grads = zeroGradients(config);
    const loss = gptBackward(model, batch, grads);
    const gradNorm =
      s.gradClip > 0 ? clipGradNorm(grads, s.gradClip) : clipGradNorm(grads, Infinity);
    const lr = learningRate(step, schedule);
    opt.step(grads, lr);
    syncTiedHead(model);

    hooks.onStep?.({
      step: step + 1,
      loss,
      lr,
      gradNorm,
      tokens,
      elapsedMs: performance.now() - start,
    });
    if ((step + 1) % s.evalEvery === 0 || step + 1 === s.steps) runEval(step + 1);
    await nextTurn();
  }
  return { model, evals, seconds: (performance.now() - start) / 1000 };
}

/** With a tied head, lm_head.weight must show wte's new values when it is a separate copy. */
function syncTiedHead(model: Model): void {
  if (!model.config.tiedLmHead) return;
  const head = model.weights.get('lm_head.weight');
  const wte = model.weights.get('transformer.wte.weight')!;
  if (head && head.data !== wte.data) head.data.set(wte.data);
}
