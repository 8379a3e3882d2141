/**
 * Measuring a model on a task: loss and exact-match accuracy over a list of prompts, and greedy
 * completion.
 *
 * Dimension legend:
 *   P   prompt tokens, A answer tokens, L = P + A - 1 model input positions, V vocabulary
 *
 * Exact match is measured with one forward pass per prompt over prompt + right answer: greedy
 * decoding gives the whole right answer exactly when, at every answer position, the argmax
 * given the right prefix is the right token (by induction over the answer), so the two agree.
 */
import { forward } from '../model/gpt.ts';
import type { Model } from '../model/weights.ts';
import { crossEntropy, NOT_SCORED } from './loss.ts';
import { makeExample, type Task } from './tasks/task.ts';

export interface Evaluation {
  /** Mean cross-entropy per answer token, in nats. */
  readonly loss: number;
  /** Share of prompts whose whole answer is right under greedy decoding, 0 to 1. */
  readonly accuracy: number;
  /** Prompts measured. */
  readonly n: number;
}

/** Index of the largest entry of row t of a (T, V) array. */
function argmaxRow(data: Float32Array, t: number, V: number): number {
  let best = 0;
  for (let j = 1; j < V; j++) if (data[t * V + j] > data[t * V + best]) best = j;
  return best;
}

/** Running sums of an evaluation. */
interface Tally {
  lossSum: number;
  scored: number;
  right: number;
  n: number;
}

/** Adds one prompt's loss and exact match to the tally: one forward pass. */
function tallyPrompt(model: Model, task: Task, prompt: readonly number[], tally: Tally): void {
  const V = model.config.vocabSize;
  const { input, targets } = makeExample(task, prompt);
  const { logits } = forward(model, input); // (L, V)
  tally.lossSum += crossEntropy(logits.data, targets);
  let ok = true;
  for (let t = 0; t < targets.length; t++) {
    if (targets[t] === NOT_SCORED) continue;
    tally.scored++;
    if (argmaxRow(logits.data, t, V) !== targets[t]) ok = false;
  }
  if (ok) tally.right++;
  tally.n++;
}

const newTally = (): Tally => ({ lossSum: 0, scored: 0, right: 0, n: 0 });

const result = (t: Tally): Evaluation => ({
  loss: t.lossSum / t.scored,
  accuracy: t.right / t.n,
  n: t.n,
});

/** Loss and exact-match accuracy over the prompts. */
export function evaluate(model: Model, task: Task, prompts: readonly number[][]): Evaluation {
  const tally = newTally();
  for (const prompt of prompts) tallyPrompt(model, task, prompt, tally);
  return result(tally);
}

/** Prompts measured between two turns of the event loop in evaluateAsync. */
export const PROMPTS_PER_TURN = 64;

/** Lets timers and I/O run (a progress bar) between chunks: one macrotask turn. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * evaluate, giving the event loop a turn every PROMPTS_PER_TURN prompts so a progress bar can
 * draw; onProgress gets the prompts done so far after each chunk, ending at prompts.length.
 * The result equals evaluate's bit for bit.
 */
export async function evaluateAsync(
  model: Model,
  task: Task,
  prompts: readonly number[][],
  onProgress?: (done: number) => void,
): Promise<Evaluation> {
  const tally = newTally();
  for (let i = 0; i < prompts.length; i++) {
    tallyPrompt(model, task, prompts[i], tally);
    if ((i + 1) % PROMPTS_PER_TURN === 0 || i + 1 === prompts.length) {
      onProgress?.(i + 1);
      await nextTurn();
    }
  }
  return result(tally);
}

/** The answer greedy decoding writes after a prompt: one forward pass per answer token. */
export function greedyComplete(model: Model, task: Task, prompt: readonly number[]): number[] {
  const V = model.config.vocabSize;
  const seq = [...prompt];
  for (let i = 0; i < task.answerLength; i++) {
    const { logits } = forward(model, seq); // (len, V)
    seq.push(argmaxRow(logits.data, seq.length - 1, V));
  }
  return seq.slice(prompt.length);
}
