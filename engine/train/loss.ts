/**
 * Cross-entropy of next-token predictions, with positions that are not scored.
 *
 * Dimension legend:
 *   T   positions of one sequence
 *   V   vocabulary entries
 *
 * A target of -1 (NOT_SCORED) leaves its position out, like PyTorch's ignore_index=-1 in
 * nanoGPT and minGPT. The loss of a batch is the mean over every scored position of every
 * sequence, so each sequence adds with the same 1 / (scored positions in the batch) weight.
 */
import type { Floats } from '../ops/linear-grad.ts';

/** Target of a position whose prediction is not scored. */
export const NOT_SCORED = -1;

/** Number of scored positions in a batch of target rows. */
export function countScored(targets: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of targets) for (const t of row) if (t !== NOT_SCORED) n++;
  return n;
}

/**
 * Sum of -log softmax(logits)[target] over the scored positions of one sequence, computed in
 * float64 from the logits (log-sum-exp with the maximum subtracted). When dLogits is given it
 * adds gradScale * (softmax(logits) - onehot(target)) to it on scored rows.
 * @param logits  (T, V)
 * @param targets next token at each position, or NOT_SCORED (T)
 * @param dLogits gradient of the logits (T, V), added to in place, or null
 * @param gradScale weight of this sequence's terms, usually 1 / scored positions in the batch
 * @returns the summed loss over this sequence's scored positions
 */
export function crossEntropy(
  logits: Floats,
  targets: readonly number[],
  dLogits: Floats | null = null,
  gradScale = 1,
): number {
  const T = targets.length;
  const V = logits.length / T;
  let sum = 0;
  for (let t = 0; t < T; t++) {
    const target = targets[t];
    if (target === NOT_SCORED) continue;
    if (!Number.isInteger(target) || target < 0 || target >= V) {
      throw new Error(`crossEntropy: target ${target} at position ${t} is outside 0..${V - 1}`);
    }
    const row = t * V;

    // log-sum-exp with the maximum subtracted
    let m = -Infinity;
    for (let j = 0; j < V; j++) m = Math.max(m, logits[row + j]);
    let z = 0;
    for (let j = 0; j < V; j++) z += Math.exp(logits[row + j] - m);
    sum += m + Math.log(z) - logits[row + target];

    // dL/dlogits = softmax - onehot   (T, V)
    if (dLogits) {
      for (let j = 0; j < V; j++) {
        const p = Math.exp(logits[row + j] - m) / z;
        dLogits[row + j] += gradScale * (p - (j === target ? 1 : 0));
      }
    }
  }
  return sum;
}
