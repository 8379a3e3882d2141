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

/** Loss and exact-match accuracy over the prompts. */
export function evaluate(model: Model, task: Task, prompts: readonly number[][]): Evaluation {
  const V = model.config.vocabSize;
  let lossSum = 0;
  let scored = 0;
  let right = 0;
  for (const prompt of prompts) {
    const { input, targets } = makeExample(task, prompt);
    const { logits } = forward(model, input); // (L, V)
    lossSum += crossEntropy(logits.data, targets);
    let ok = true;
    for (let t = 0; t < targets.length; t++) {
      if (targets[t] === NOT_SCORED) continue;
      scored++;
      if (argmaxRow(logits.data, t, V) !== targets[t]) ok = false;
    }
    if (ok) right++;
  }
  return { loss: lossSum / scored, accuracy: right / prompts.length, n: prompts.length };
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
