/**
 * The tensor behind a block of the scene: a step's output, a weight, or the input ids, with what
 * the inspector says of it (the step that wrote it, what it read) and index labels. Pure.
 */
import type { Tensor } from '../../../engine/tensor.ts';
import { INPUT_IDS, type Step } from '../../../engine/trace.ts';
import type { SceneBlock } from '../../scene/layout.ts';
import type { RunResult } from '../../store/run.ts';

/** A block's tensor and where it came from. */
export interface BlockTensor {
  readonly block: SceneBlock;
  readonly tensor: Tensor;
  /** The step that wrote it; null for weights and input ids. */
  readonly step: Step | null;
}

/** The tensor a block shows; undefined for an id the layout does not hold. */
export function blockTensor(run: RunResult, id: string): BlockTensor | undefined {
  const block = run.layout.byId.get(run.layout.aliases.get(id) ?? id);
  if (!block) return undefined;
  if (block.id === INPUT_IDS) {
    const ids = Float32Array.from(run.trace.tokens); // (T)
    return { block, step: null, tensor: { data: ids, shape: [ids.length], axes: ['pos'] } };
  }
  if (block.step !== null) {
    const step = run.trace.steps[block.step];
    return { block, step, tensor: step.output };
  }
  const w = run.model.weights.get(block.id);
  return w ? { block, step: null, tensor: w } : undefined;
}

/** Shape of any tensor a step may read, by name. */
export function shapeOf(run: RunResult, name: string): readonly number[] | undefined {
  return blockTensor(run, name)?.tensor.shape;
}

/** The label of index i along an axis: token strings for positions and vocabulary rows. */
export function indexLabel(run: RunResult, blockId: string, axis: string, i: number): string {
  const tok = (id: number) => run.vocab[id] ?? `#${id}`;
  if (axis === 'pos' || axis === 'query_pos' || axis === 'key_pos') {
    const id = run.trace.tokens[i];
    // the position table's rows are positions, not the tokens of this pass
    return blockId.endsWith('wpe.weight') || id === undefined ? String(i) : `${i} ${tok(id)}`;
  }
  if (axis === 'vocab') return `${i} ${tok(i)}`;
  return String(i);
}
