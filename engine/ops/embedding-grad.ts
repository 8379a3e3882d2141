/**
 * Backward of the embedding lookup y[t] = table[ids[t]] (token rows of wte, position rows of wpe).
 *
 * Dimension legend:
 *   T   positions looked up
 *   C   width of one row (d_model)
 *   V   rows of the table (vocab, or blockSize for positions)
 */
import type { Floats } from './linear-grad.ts';

/**
 * Adds each position's gradient into the table row it was read from; a row read twice gets both.
 * @param ids    row read at each position (T)
 * @param dy     gradient of the looked-up rows (T, C)
 * @param dTable gradient of the table (V, C), added to in place
 * @param C      row width
 */
export function embeddingBackward(
  ids: readonly number[],
  dy: Floats,
  dTable: Floats,
  C: number,
): void {
  for (let t = 0; t < ids.length; t++) {
    const src = t * C;
    const dst = ids[t] * C;
    if (dst < 0 || dst + C > dTable.length) {
      throw new Error(`embeddingBackward: row ${ids[t]} at position ${t} is outside the table`);
    }
    // dTable[ids[t], :] += dy[t, :]   (V, C)
    for (let c = 0; c < C; c++) dTable[dst + c] += dy[src + c];
  }
}
