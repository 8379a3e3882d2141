/**
 * Greedy decoding with the engine: append the most probable next token, n times, keeping each
 * forward pass (a generation step) so that every one can be shown.
 */
import { forward, type ForwardResult } from '../../engine/model/gpt.ts';
import type { Model } from '../../engine/model/weights.ts';
import type { Tensor } from '../../engine/tensor.ts';

/** Index of the largest value in row `row` of a (rows, cols) tensor. */
export function argmaxRow(t: Tensor, row: number): number {
  const cols = t.shape[1];
  let best = 0;
  for (let j = 1; j < cols; j++) {
    if (t.data[row * cols + j] > t.data[row * cols + best]) best = j;
  }
  return best;
}

/** Greedy decoding's answer and the forward pass that chose each of its tokens. */
export interface Generation {
  /** The generated ids (n). */
  readonly answer: number[];
  /** Pass g reads the prompt and the first g generated ids (P + g tokens) and picks answer[g]. */
  readonly passes: ForwardResult[];
}

/**
 * Greedy decoding of n tokens after a prompt, keeping every pass.
 * @param prompt token ids (P); P + n - 1 must fit the model's blockSize
 */
export function generate(model: Model, prompt: readonly number[], n: number): Generation {
  const seq = [...prompt];
  const answer: number[] = [];
  const passes: ForwardResult[] = [];
  for (let i = 0; i < n; i++) {
    const pass = forward(model, seq); // probs (P + i, V)
    const next = argmaxRow(pass.probs, seq.length - 1);
    passes.push(pass);
    answer.push(next);
    seq.push(next);
  }
  return { answer, passes };
}

/**
 * The n tokens greedy decoding appends to a prompt.
 * @param prompt token ids (P); P + n - 1 must fit the model's blockSize
 * @returns the generated ids (n)
 */
export function greedy(model: Model, prompt: readonly number[], n: number): number[] {
  return generate(model, prompt, n).answer;
}
