/**
 * Chapter marks on the scene's blocks: the blocks the open chapter names get a highlight rim, and
 * while learning, the selected token's row is brightened in every block whose rows are positions
 * (weights are shared by all tokens, so they never get a row).
 */
import { useStore } from '../store/index.ts';
import type { AppState } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { NO_ROW, setBlockMarks, type BlockLook } from './blockMaterial.ts';
import type { SceneBlock } from './layout.ts';

/** Whether a block's cell rows are token positions, one cell row per position. */
export function rowsArePositions(b: SceneBlock, nTokens: number): boolean {
  return (
    b.role !== 'weight' && !b.grid.transposed && b.grid.rowPool === 1 && b.grid.rows === nTokens
  );
}

/** Keeps the blocks' marks in step with the teach slice; returns the unsubscribe function. */
export function subscribeMarks(
  run: RunResult,
  looks: readonly BlockLook[],
  invalidate: () => void,
): () => void {
  const n = run.trace.tokens.length;
  const byRow = run.layout.blocks.map((b) => rowsArePositions(b, n));
  const apply = (s: AppState) => {
    const row = s.learnOpen ? Math.min(s.selectedToken, n - 1) : NO_ROW;
    let changed = false;
    run.layout.blocks.forEach((b, i) => {
      const lit = s.learnOpen && s.highlight.has(b.id);
      changed = setBlockMarks(looks[i], lit, byRow[i] ? row : NO_ROW) || changed;
    });
    if (changed) invalidate();
  };
  apply(useStore.getState());
  return useStore.subscribe((s, prev) => {
    const moved =
      s.highlight !== prev.highlight ||
      s.learnOpen !== prev.learnOpen ||
      s.selectedToken !== prev.selectedToken;
    if (moved) apply(s);
  });
}
