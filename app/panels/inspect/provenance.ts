/**
 * Provenance: which elements of its inputs one element of a step's output was computed from
 * (for a matrix product, a row of one operand and a column of the other). Pure.
 *
 * Legend: T tokens, C = nEmbd, nh heads of hs = C / nh, M MLP width, V vocabulary.
 * A slice gives a [start, end) range per axis of the input tensor.
 */
import type { Axis } from '../../../engine/tensor.ts';
import { INPUT_IDS, type Step } from '../../../engine/trace.ts';
import type { CellGrid } from '../../scene/grid.ts';
import { cellRect, type CellRect } from './tensorView.ts';

export type Range = readonly [number, number];

/** Elements of one input a value was read from. */
export interface InputSlice {
  /** Step name, weight name or `input_ids`. */
  readonly name: string;
  /** One range per axis of that tensor. */
  readonly ranges: readonly Range[];
}

/** Shape of a tensor by name (input ids, weights, earlier steps). */
export type ShapeOf = (name: string) => readonly number[] | undefined;

const one = (i: number): Range => [i, i + 1];
const all = (n: number): Range => [0, n];

/**
 * The input elements one output element of a step reads.
 * @param step the step that wrote the output
 * @param index the output element's multi-index, in the step output's axes
 * @param tokens the pass's input ids (the embedding reads the row of the token id)
 * @param shapeOf shapes of the step's inputs
 */
export function provenance(
  step: Step,
  index: readonly number[],
  tokens: readonly number[],
  shapeOf: ShapeOf,
): InputSlice[] {
  const [i0, i1, i2] = index;
  const shape = (name: string): readonly number[] => shapeOf(name) ?? [];
  const slice = (name: string, f: (s: readonly number[]) => Range[]): InputSlice => ({
    name,
    ranges: f(shape(name)),
  });
  const same = (name: string) => slice(name, () => index.map(one));
  const [first, second, third] = step.inputs;

  switch (step.kind) {
    case 'embed':
      return [slice(INPUT_IDS, () => [one(i0)]), slice(second, () => [one(tokens[i0]), one(i1)])];
    case 'pos_embed':
      return first === INPUT_IDS ? [slice(first, () => [one(i0)])] : [same(first)];
    case 'ln_mean':
      return [slice(first, (s) => [one(i0), all(s[1])])];
    case 'ln_scale':
      return [slice(first, (s) => [one(i0), all(s[1])]), same(second)];
    case 'ln_normalize':
      return [same(first), slice(second, () => [one(i0)]), slice(third, () => [one(i0)])];
    case 'ln_affine':
      return [same(first), ...step.inputs.slice(1).map((n) => slice(n, () => [one(i1)]))];
    case 'linear':
    case 'unembed':
      // out[t, o] = x[t, :] . W[o, :] + b[o]
      return [
        slice(first, (s) => [one(i0), all(s[1])]),
        slice(second, (s) => [one(i1), all(s[1])]),
        ...step.inputs.slice(2).map((n) => slice(n, () => [one(i1)])),
      ];
    case 'split_heads': {
      // q, k, v take the first, second and third C channels of qkv
      const part = ['hook_q', 'hook_k', 'hook_v'].findIndex((h) => step.name.endsWith(h));
      const hs = step.output.shape[2];
      const C = hs * step.output.shape[1];
      return [slice(first, () => [one(i0), one(part * C + i1 * hs + i2)])];
    }
    case 'attn_scores':
      // S[h, i, j] = q[i, h, :] . k[j, h, :]
      return [
        slice(first, (s) => [one(i1), one(i0), all(s[2])]),
        slice(second, (s) => [one(i2), one(i0), all(s[2])]),
      ];
    case 'softmax': {
      const lead = index.slice(0, -1).map(one);
      return [slice(first, (s) => [...lead, all(s[s.length - 1])])];
    }
    case 'attn_mix':
      // z[t, h, d] = pattern[h, t, :] . v[:, h, d]
      return [
        slice(first, (s) => [one(i1), one(i0), all(s[2])]),
        slice(second, (s) => [all(s[0]), one(i1), one(i2)]),
      ];
    case 'head_result': {
      // r[t, h, c] = z[t, h, :] . W_O[c, h hs : (h + 1) hs]
      return [
        slice(first, (s) => [one(i0), one(i1), all(s[2])]),
        slice(second, (s) => {
          const hs = shape(first)[2] ?? s[1];
          return [one(i2), [i1 * hs, (i1 + 1) * hs]];
        }),
      ];
    }
    case 'add':
      if (step.output.shape.length === shape(first).length - 1) {
        // the heads' results summed, plus the bias: a[t, c] = sum_h r[t, h, c] + b[c]
        return [
          slice(first, (s) => [one(i0), all(s[1]), one(i1)]),
          ...step.inputs.slice(1).map((n) => slice(n, () => [one(i1)])),
        ];
      }
      return step.inputs.map(same);
    default:
      return step.inputs.map(same);
  }
}

/** Which tensor axis a grid lays out as tiles, rows and columns (mirrors gridFor). */
export interface GridAxes {
  readonly tile: number | null;
  readonly row: number | null;
  readonly col: number | null;
}

/** The axes of a tensor's grid, from its shape, axis names and whether it is transposed. */
export function gridAxes(axes: readonly Axis[], transposed: boolean): GridAxes {
  if (axes.length === 1) {
    return axes[0] === 'pos'
      ? { tile: null, row: 0, col: null }
      : { tile: null, row: null, col: 0 };
  }
  if (axes.length === 2) {
    return transposed ? { tile: null, row: 1, col: 0 } : { tile: null, row: 0, col: 1 };
  }
  return axes[0] === 'head' ? { tile: 0, row: 1, col: 2 } : { tile: 1, row: 0, col: 2 };
}

/** The cell rectangles of a block that show a slice of its tensor (one per tile it covers). */
export function sliceRects(g: CellGrid, ga: GridAxes, ranges: readonly Range[]): CellRect[] {
  const pick = (axis: number | null, n: number): Range => (axis === null ? [0, n] : ranges[axis]);
  const [t0, t1] = pick(ga.tile, g.tiles);
  const [r0, r1] = pick(ga.row, g.rows);
  const [c0, c1] = pick(ga.col, g.cols);
  const out: CellRect[] = [];
  for (let t = t0; t < t1; t++) out.push(cellRect(g, t, r0, r1, c0, c1));
  return out;
}

/** A slice as numpy-style text, e.g. `[3, :]` or `[0:16]` (':' for a whole axis). */
export function sliceText(ranges: readonly Range[], shape: readonly number[]): string {
  const parts = ranges.map(([a, b], i) =>
    a === 0 && b === shape[i] && b > 1 ? ':' : b - a === 1 ? String(a) : `${a}:${b}`,
  );
  return `[${parts.join(', ')}]`;
}
