/**
 * What the inspector reads off one tensor: its statistics, exact float32 values as text, the
 * source element under a point of its cell grid, index labels, and copies as JSON or CSV. Pure.
 *
 * Legend: a tensor of any rank, flat row-major; its grid (app/scene/grid.ts) shows `tiles`
 * panels of `rows` x `cols` source values, pooled into cells when an axis is long.
 */
import type { Tensor } from '../../../engine/tensor.ts';
import { gridFor, TILE_GAP, type CellGrid } from '../../scene/grid.ts';

/** Most significant digits a float32 needs to read back as the same float32 (FLT_DECIMAL_DIG). */
export const FLOAT32_DIGITS = 9;

/**
 * The shortest decimal text that reads back as the same float32, so that two different values
 * never print alike. -Infinity (a masked score) prints as '-∞'.
 */
export function formatF32(v: number): string {
  if (v === -Infinity) return '-∞';
  if (v === Infinity) return '∞';
  if (Number.isNaN(v)) return 'NaN';
  const f = Math.fround(v);
  for (let p = 1; p < FLOAT32_DIGITS; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(Number(f.toPrecision(FLOAT32_DIGITS)));
}

/** Summary of a tensor's finite values; `masked` counts the -Infinity entries (causal mask). */
export interface TensorStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation (divides by the count, as torch.std(unbiased=False)). */
  readonly std: number;
  readonly count: number;
  readonly masked: number;
}

/** Min, max, mean and standard deviation of the finite values (accumulated in float64). */
export function tensorStats(data: Float32Array): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let masked = 0;
  for (const v of data) {
    if (!Number.isFinite(v)) {
      masked++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  const mean = n > 0 ? sum / n : NaN;
  let sq = 0;
  for (const v of data) if (Number.isFinite(v)) sq += (v - mean) * (v - mean);
  return { min, max, mean, std: n > 0 ? Math.sqrt(sq / n) : NaN, count: n, masked };
}

/** The multi-index of a flat row-major position. */
export function unravel(shape: readonly number[], flat: number): number[] {
  const out = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = flat % shape[i];
    flat = Math.floor(flat / shape[i]);
  }
  return out;
}

/** The flat row-major position of a multi-index. */
export function ravel(shape: readonly number[], index: readonly number[]): number {
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i] + index[i];
  return flat;
}

/**
 * The grid the inspector draws a tensor on: the scene's, except that a tensor the scene stands
 * transposed (linear weights) is drawn as its shape states it, first axis as rows and second
 * as columns, like every other tensor.
 */
export function statedGrid(g: CellGrid, t: Pick<Tensor, 'shape' | 'axes'>): CellGrid {
  return g.transposed ? gridFor(t.shape, t.axes) : g;
}

/** A source element of a grid: which tile (head), row and column, and its flat position. */
export interface GridSource {
  readonly tile: number;
  readonly row: number;
  readonly col: number;
  readonly flat: number;
}

/**
 * The source element under a point of a grid, reading through pooling: x and y are in cells
 * from the top-left corner (fractions pick the exact element inside a pooled cell).
 * @returns null over a gap between tiles or outside the grid
 */
export function sourceAt(g: CellGrid, x: number, y: number): GridSource | null {
  if (x < 0 || y < 0 || x >= g.width || y >= g.height) return null;
  const span = g.shownCols + TILE_GAP;
  const tile = Math.floor(x / span);
  const within = x - tile * span;
  if (tile >= g.tiles || within >= g.shownCols) return null;
  const col = Math.min(g.cols - 1, Math.floor(within * g.colPool));
  const row = Math.min(g.rows - 1, Math.floor(y * g.rowPool));
  const flat = tile * g.tileStride + row * g.rowStride + col * g.colStride;
  return { tile, row, col, flat };
}

/** A rectangle of cells, left/top inclusive, right/bottom exclusive. */
export interface CellRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The cells showing source rows [r0, r1) and columns [c0, c1) of one tile. */
export function cellRect(
  g: CellGrid,
  tile: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
): CellRect {
  const left = tile * (g.shownCols + TILE_GAP);
  return {
    x0: left + Math.floor(c0 / g.colPool),
    x1: left + Math.ceil(c1 / g.colPool),
    y0: Math.floor(r0 / g.rowPool),
    y1: Math.ceil(r1 / g.rowPool),
  };
}

/** Values as nested JSON arrays of the tensor's shape (-Infinity as null, JSON has none). */
export function toJson(t: Tensor): string {
  const nest = (dim: number, offset: number): unknown => {
    if (dim === t.shape.length) {
      const v = t.data[offset];
      return Number.isFinite(v) ? Number(formatF32(v)) : null;
    }
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.shape[dim] }, (_, i) => nest(dim + 1, offset + i * stride));
  };
  return JSON.stringify(nest(0, 0));
}

/**
 * Values as CSV: one line per element after a header of the axis names and `value`, so that
 * any rank reads back in a spreadsheet or pandas (-Infinity as `-Infinity`, which both read).
 */
export function toCsv(t: Tensor): string {
  const lines = [[...t.axes, 'value'].join(',')];
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    lines.push([...unravel(t.shape, i), Number.isFinite(v) ? formatF32(v) : String(v)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
