/**
 * Greedy decoding with the engine: append the most probable next token, n times.
 */
import { forward } from '../../engine/model/gpt.ts';
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

/**
 * The n tokens greedy decoding appends to a prompt.
 * @param prompt token ids (P); P + n - 1 must fit the model's blockSize
 * @returns the generated ids (n)
 */
export function greedy(model: Model, prompt: readonly number[], n: number): number[] {
  const seq = [...prompt];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const { probs } = forward(model, seq); // (T, V)
    const next = argmaxRow(probs, seq.length - 1);
    out.push(next);
    seq.push(next);
  }
  return out;
}
