/**
 * What the timeline means for each block: at step k, the block step k writes is CURRENT, the
 * blocks it reads are READ, blocks written earlier (and weights, and the input) are SHOWN, and
 * blocks written later are EMPTY. Also the region the camera frames at each step. Pure.
 */
import type { Trace } from '../../engine/trace.ts';
import { CURRENT, EMPTY, READ, SHOWN, type BlockState } from './blockMaterial.ts';
import { blockOf, type Box, type SceneBlock, type SceneLayout } from './layout.ts';

/** Ids of the blocks each step reads (aliases followed), by step index. */
export function readsByStep(layout: SceneLayout, trace: Trace): ReadonlySet<string>[] {
  return trace.steps.map(
    (s) =>
      new Set(s.inputs.map((name) => blockOf(layout, name)?.id).filter((id) => id !== undefined)),
  );
}

/** A block's state at a step. */
export function blockState(b: SceneBlock, step: number, reads: ReadonlySet<string>): BlockState {
  if (b.step === step) return CURRENT;
  if (reads.has(b.id)) return READ;
  if (b.step === null || b.step < step) return SHOWN;
  return EMPTY;
}

/** Rows of the layout (along the flow) that the camera takes in around a step's block. */
export const FOCUS_ROWS = 2;

/**
 * The box the camera frames at a step: the block written and the blocks it reads that lie
 * within FOCUS_ROWS rows of it (a far read, such as the tied wte read by the LM head, is left out).
 */
export function focusBox(layout: SceneLayout, trace: Trace, step: number): Box {
  const s = trace.steps[step];
  const out = layout.byId.get(s.name);
  if (!out) return layout.bounds;
  const min = [...out.box.min];
  const max = [...out.box.max];
  for (const name of s.inputs) {
    const b = blockOf(layout, name);
    if (!b || Math.abs(b.row - out.row) > FOCUS_ROWS) continue;
    for (let i = 0; i < 3; i++) {
      min[i] = Math.min(min[i], b.box.min[i]);
      max[i] = Math.max(max[i], b.box.max[i]);
    }
  }
  // Take in the labels above the blocks
  max[1] += layout.unit * 1.5;
  return { min: [min[0], min[1], min[2]], max: [max[0], max[1], max[2]] };
}

/** The first step of each layer, for the timeline's marks and the layer jump. */
export function layerStarts(trace: Trace): { layer: number; step: number }[] {
  const starts: { layer: number; step: number }[] = [];
  for (const s of trace.steps) {
    if (s.layer !== null && !starts.some((m) => m.layer === s.layer)) {
      starts.push({ layer: s.layer, step: s.index });
    }
  }
  return starts;
}
