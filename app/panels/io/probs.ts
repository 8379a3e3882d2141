/**
 * Next-token candidates: the most probable tokens of one row of the probabilities, and how a
 * probability prints. Pure.
 */
import type { Tensor } from '../../../engine/tensor.ts';

/** Digits of a probability in percent; below SMALL_PERCENT it keeps two significant digits. */
const PERCENT_DIGITS = 1;
const SMALL_PERCENT = 1;
/** Below this (percent) the number prints in scientific notation, so that it stays short. */
const TINY_PERCENT = 1e-3;

/** A probability as percent text, e.g. 0.987 → '98.7', 0.00012 → '0.012', 8.3e-8 → '8.3e-6'. */
export function formatPercent(p: number): string {
  const pc = p * 100;
  if (pc >= SMALL_PERCENT) return pc.toFixed(PERCENT_DIGITS);
  if (pc >= TINY_PERCENT || pc === 0) return pc.toPrecision(2);
  return pc.toExponential(1);
}

/**
 * The k most probable tokens at a position, most probable first (ties: lower id first).
 * @param probs (T, V)
 */
export function topTokens(probs: Tensor, row: number, k: number): { id: number; p: number }[] {
  const V = probs.shape[1];
  const ids = Array.from({ length: V }, (_, i) => i);
  const p = (i: number) => probs.data[row * V + i];
  ids.sort((a, b) => p(b) - p(a) || a - b);
  return ids.slice(0, k).map((id) => ({ id, p: p(id) }));
}
