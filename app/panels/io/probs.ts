/**
 * Next-token candidates: the most probable tokens of one row of the probabilities, and how a
 * probability prints. Pure.
 */
import type { Tensor } from '../../../engine/tensor.ts';

/** Digits of a probability in percent; below SMALL_PERCENT it keeps two significant digits. */
const PERCENT_DIGITS = 1;
const SMALL_PERCENT = 1;

/** A probability as percent text, e.g. 0.987 → '98.7', 0.00012 → '0.012'. */
export function formatPercent(p: number): string {
  const pc = p * 100;
  return pc >= SMALL_PERCENT ? pc.toFixed(PERCENT_DIGITS) : pc.toPrecision(2);
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
