/**
 * Output sampling from recorded logits: temperature, top-k and a seeded draw. Pure; the model is
 * never rerun. Legend: V vocabulary size.
 */
import { makeRng } from '../../../engine/random.ts';

/** The smallest temperature the panel allows (0 itself would be greedy decoding). */
export const MIN_TEMPERATURE = 0.05;

/**
 * Probabilities softmax(logits / temperature) over the top-k logits (ties with the k-th kept, as
 * nanoGPT's sample does); every other entry is 0.
 * @param logits one row, (V)
 * @param topK how many to keep; 0 or at least V keeps all
 * @returns (V) probabilities in float64, summing to 1
 */
export function temperatureProbs(
  logits: ArrayLike<number>,
  temperature: number,
  topK: number,
): Float64Array {
  const V = logits.length;
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  let cutoff = -Infinity;
  if (topK > 0 && topK < V) {
    const sorted = Array.from(logits).sort((a, b) => b - a);
    cutoff = sorted[topK - 1];
  }

  // Softmax of the kept logits, the largest subtracted first
  let max = -Infinity;
  for (let i = 0; i < V; i++) if (logits[i] >= cutoff) max = Math.max(max, logits[i]);
  const out = new Float64Array(V); // (V)
  let sum = 0;
  for (let i = 0; i < V; i++) {
    if (logits[i] < cutoff) continue;
    out[i] = Math.exp((logits[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < V; i++) out[i] /= sum;
  return out;
}

/**
 * The index where the running total of probs first exceeds u (inverse-CDF sampling).
 * @param u uniform in [0, 1)
 */
export function pickIndex(probs: ArrayLike<number>, u: number): number {
  let total = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    total += probs[i];
    last = i;
    if (u < total) return i;
  }
  // Rounding can leave the total a hair under 1: the last possible token then wins
  return last;
}

/** The largest seed: the generator's state is one 32-bit integer (engine/random.ts), 2^32 - 1. */
export const MAX_SEED = 4294967295;

/** Why a typed seed is refused. */
export type SeedProblem = 'empty' | 'notWhole' | 'negative' | 'tooLarge';

/**
 * A seed typed in a box: a whole number from 0 to MAX_SEED written in digits (spaces around,
 * a sign and a '.0' allowed). Nothing is wrapped, rounded or read as hex or an exponent.
 * @returns the seed, or why it is refused
 */
export function parseSeed(text: string): { seed: number } | { problem: SeedProblem } {
  const s = text.trim();
  if (s === '') return { problem: 'empty' };
  const n = Number(s); // NaN for text that is no number
  if (n < 0) return { problem: 'negative' };
  if (n > MAX_SEED) return { problem: 'tooLarge' };
  const digits = /^[+-]?(\d+)(\.0*)?$/.exec(s);
  if (!digits) return { problem: 'notWhole' };
  return { seed: Number(digits[1]) };
}

/** The seed a new draw uses: the next one, going round to 0 after MAX_SEED. */
export function nextSeed(seed: number): number {
  return seed >= MAX_SEED ? 0 : seed + 1;
}

/** One token drawn from probs with a generator seeded by `seed`: same seed, same token. */
export function sampleToken(probs: ArrayLike<number>, seed: number): number {
  return pickIndex(probs, makeRng(seed).uniform());
}

/** Indices of the n largest probabilities, largest first. */
export function topIndices(probs: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: probs.length }, (_, i) => i)
    .sort((a, b) => probs[b] - probs[a])
    .slice(0, n);
}
