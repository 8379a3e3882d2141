/**
 * What a pointed-at element says: its tensor's name, its index, its exact value, and the input
 * elements it was computed from. Shared by the hover tip in the scene and the inspector. Pure.
 */
import type { HoverCell } from '../../store/selection.ts';
import type { RunResult } from '../../store/run.ts';
import { blockTensor, shapeOf } from './blockTensor.ts';
import { provenance, sliceText, type InputSlice } from './provenance.ts';
import { formatF32, unravel } from './tensorView.ts';

export interface HoverInfo {
  /** Block id of the element. */
  readonly name: string;
  readonly index: readonly number[];
  /** `[3, 17]` */
  readonly indexText: string;
  readonly value: number;
  /** The value as the shortest text that reads back as the same float32. */
  readonly valueText: string;
  /** Input elements it was computed from, with their slice as text (empty for weights). */
  readonly from: readonly (InputSlice & { readonly text: string })[];
}

/** Describes the element under the pointer; null when the block is not in the run. */
export function describeHover(run: RunResult, cell: HoverCell): HoverInfo | null {
  const bt = blockTensor(run, cell.id);
  if (!bt || cell.flat < 0 || cell.flat >= bt.tensor.data.length) return null;
  const index = unravel(bt.tensor.shape, cell.flat);
  const value = bt.tensor.data[cell.flat];
  const slices = bt.step
    ? provenance(bt.step, index, run.trace.tokens, (n) => shapeOf(run, n))
    : [];
  return {
    name: bt.block.id,
    index,
    indexText: `[${index.join(', ')}]`,
    value,
    valueText: formatF32(value),
    from: slices.map((s) => ({ ...s, text: sliceText(s.ranges, shapeOf(run, s.name) ?? []) })),
  };
}
