/**
 * Cell colours: a tensor's values as RGBA texels, one per cell of its block.
 *
 * Values are pooled into cells (the mean of the finite values a cell covers), normalized per
 * tensor by the largest magnitude, and mapped on a diverging scale: negative, zero, positive.
 * Weights and activations use different colour families. Cells that cover only -Infinity
 * (masked attention scores) get the masked colour; gaps between tiles are transparent.
 * Rows are written top row first.
 */
import { TILE_GAP, type CellGrid } from './grid.ts';
import type { BlockRole } from './layout.ts';

export type Rgb = readonly [number, number, number];

/** A diverging scale: colours at -1, 0 and +1. */
export interface Diverging {
  readonly negative: Rgb;
  readonly zero: Rgb;
  readonly positive: Rgb;
}

/** Activations: blue for negative, orange for positive. */
export const ACTIVATION_SCALE: Diverging = {
  negative: [56, 140, 255],
  zero: [30, 32, 40],
  positive: [255, 150, 40],
};
/** Weights: violet for negative, green for positive. */
export const WEIGHT_SCALE: Diverging = {
  negative: [190, 90, 255],
  zero: [28, 34, 40],
  positive: [60, 220, 150],
};
/** Input token ids: one scale from the first to the last id of the vocabulary. */
export const INPUT_SCALE: Diverging = {
  negative: [255, 255, 255],
  zero: [70, 70, 90],
  positive: [240, 240, 255],
};
/** Cells whose every value is -Infinity (future positions the causal mask hides). */
export const MASKED_RGB: Rgb = [12, 13, 18];
/**
 * Exponent applied to |value| before mixing: below 1 it lifts small values so that a tensor
 * with a few large entries still shows its texture.
 */
export const CONTRAST_GAMMA = 0.6;

const scaleFor = (role: BlockRole): Diverging =>
  role === 'weight' ? WEIGHT_SCALE : role === 'input' ? INPUT_SCALE : ACTIVATION_SCALE;

/**
 * Pools a tensor's values into the cells of its grid.
 * @param data the tensor's flat values
 * @returns (height, width) cell values, top row first; NaN for tile gaps, -Infinity for cells
 *   that cover only -Infinity.
 */
export function poolCells(data: Float32Array, g: CellGrid): Float32Array {
  const out = new Float32Array(g.width * g.height).fill(NaN); // (height, width)
  for (let t = 0; t < g.tiles; t++) {
    for (let r = 0; r < g.shownRows; r++) {
      const r0 = r * g.rowPool;
      const r1 = Math.min(g.rows, r0 + g.rowPool);
      for (let c = 0; c < g.shownCols; c++) {
        const c0 = c * g.colPool;
        const c1 = Math.min(g.cols, c0 + g.colPool);
        let sum = 0;
        let n = 0;
        for (let i = r0; i < r1; i++) {
          const base = t * g.tileStride + i * g.rowStride;
          for (let j = c0; j < c1; j++) {
            const v = data[base + j * g.colStride];
            if (Number.isFinite(v)) {
              sum += v;
              n++;
            }
          }
        }
        out[r * g.width + t * (g.shownCols + TILE_GAP) + c] = n > 0 ? sum / n : -Infinity;
      }
    }
  }
  return out;
}

/** Largest finite magnitude among the cells (1 when there is none, so zeros stay zero). */
export function maxAbs(cells: Float32Array): number {
  let m = 0;
  for (const v of cells) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m > 0 ? m : 1;
}

/** The colour of a value in [-1, 1] on a diverging scale. */
export function divergingColor(s: Diverging, t: number): Rgb {
  const a = Math.pow(Math.min(1, Math.abs(t)), CONTRAST_GAMMA);
  const end = t < 0 ? s.negative : s.positive;
  return [
    Math.round(s.zero[0] + (end[0] - s.zero[0]) * a),
    Math.round(s.zero[1] + (end[1] - s.zero[1]) * a),
    Math.round(s.zero[2] + (end[2] - s.zero[2]) * a),
  ];
}

/**
 * RGBA texels for a block: (height, width, 4), top row first.
 * @param data the tensor's flat values
 * @param role picks the colour family (weights, activations, input ids)
 */
export function cellColors(data: Float32Array, g: CellGrid, role: BlockRole): Uint8Array {
  const cells = poolCells(data, g); // (height, width)
  const scale = scaleFor(role);
  const m = maxAbs(cells);
  const rgba = new Uint8Array(cells.length * 4); // (height, width, 4)
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (Number.isNaN(v)) continue; // gap between tiles: transparent
    const rgb = v === -Infinity ? MASKED_RGB : divergingColor(scale, v / m);
    rgba.set(rgb, i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** Weight texels by tensor data, with the grid they were made for. */
const weightTexels = new WeakMap<Float32Array, { key: string; rgba: Uint8Array }>();

/**
 * cellColors, kept per weight tensor: a model's weights are the same in every run, so a new
 * input recolours only the activations (GPT-2 small's weights take seconds to colour).
 * The texels returned for weights are shared: read them, never write them.
 */
export function blockColors(data: Float32Array, g: CellGrid, role: BlockRole): Uint8Array {
  if (role !== 'weight') return cellColors(data, g, role);
  const key = JSON.stringify(g);
  const kept = weightTexels.get(data);
  if (kept?.key === key) return kept.rgba;
  const rgba = cellColors(data, g, role);
  weightTexels.set(data, { key, rgba });
  return rgba;
}
