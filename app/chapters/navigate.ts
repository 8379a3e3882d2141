/**
 * What opening a chapter does to the scene: the timeline step it sets, the blocks it highlights
 * and the box the camera frames. Pure: a chapter, a run and a layer in, plain values out.
 */
import { focusBox } from '../scene/timeline.ts';
import { blockOf, type Box } from '../scene/layout.ts';
import type { RunResult } from '../store/run.ts';
import { resolveTargets, type ChapterMeta } from './parse.ts';

export interface ChapterView {
  /** Trace indices of the chapter's steps that this model records, in trace order. */
  readonly steps: readonly number[];
  /** The step the timeline moves to: the focus, else the chapter's last step; null for none. */
  readonly step: number | null;
  /** Ids of the scene blocks to highlight (names the model lacks are skipped). */
  readonly highlight: ReadonlySet<string>;
  /** What the camera frames; null frames the whole model. */
  readonly box: Box | null;
}

/** Rows (along the flow) around the focus whose chapter blocks the camera also takes in. */
const CHAPTER_ROWS = 1;

/** Grows a box to take in another. */
function union(a: Box, b: Box): Box {
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/** The scene's response to a chapter for one run, at the reader's layer. */
export function chapterView(
  meta: ChapterMeta,
  run: Pick<RunResult, 'trace' | 'layout' | 'model'>,
  layer: number,
): ChapterView {
  const { trace, layout, model } = run;
  const targets = resolveTargets(meta, model.config, layer);
  const index = new Map(trace.steps.map((s) => [s.name, s.index]));
  const steps = targets.steps.flatMap((n) => (index.has(n) ? [index.get(n)!] : []));
  const focus = targets.focus === null ? undefined : index.get(targets.focus);
  const step = focus ?? steps.at(-1) ?? null;

  const highlight = new Set<string>();
  for (const name of targets.highlight) {
    const b = blockOf(layout, name);
    if (b) highlight.add(b.id);
  }

  // The camera takes in the focus step and the chapter's blocks near it
  let box: Box | null = null;
  if (focus !== undefined) {
    box = focusBox(layout, trace, focus);
    const row = layout.byId.get(trace.steps[focus].name)?.row ?? 0;
    const near = [...steps.map((i) => trace.steps[i].name), ...highlight];
    for (const name of near) {
      const b = blockOf(layout, name);
      if (b && Math.abs(b.row - row) <= CHAPTER_ROWS) box = union(box, b.box);
    }
  }
  return { steps, step, highlight, box };
}
