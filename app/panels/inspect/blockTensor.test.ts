import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../../engine/model/config.ts';
import { randomModel } from '../../../engine/model/weights.ts';
import { statedGrid } from './tensorView.ts';
import { gridAxes } from './provenance.ts';
import { runSession, viewOf, type LoadedModel } from '../../run/session.ts';
import { blockTensor, indexLabel } from './blockTensor.ts';

// A small random model whose vocabulary lacks a string for its last id
const config = makeConfig({ vocabSize: 4, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 8 });
const loaded: LoadedModel = {
  id: 'tiny',
  name: 'tiny',
  model: randomModel(config, 1),
  vocab: ['A', 'B', 'C'],
  task: null,
  exampleInput: '2 0 1',
};
const run = viewOf(runSession(loaded, '2 0 1'), 0);
const PATTERN = 'blocks.0.attn.hook_pattern';

/** The heatmap's row and column labels of a block, as the inspector derives them. */
function heatmapLabels(id: string): { rows: string[]; cols: string[]; tiles: number } {
  const bt = blockTensor(run, id)!;
  const g = statedGrid(bt.block.grid, bt.tensor);
  const ga = gridAxes(bt.tensor.axes, g.transposed);
  const { axes } = bt.tensor;
  const labels = (axis: number | null, n: number) =>
    axis === null ? [] : Array.from({ length: n }, (_, i) => indexLabel(run, id, axes[axis], i));
  return { rows: labels(ga.row, g.rows), cols: labels(ga.col, g.cols), tiles: g.tiles };
}

describe('indexLabel', () => {
  it("labels an attention pattern's query rows and key columns with the pass's tokens", () => {
    expect(run.trace.tokens.slice(0, 3)).toEqual([2, 0, 1]);
    const { rows, cols, tiles } = heatmapLabels(PATTERN);
    expect(rows).toEqual(['0 C', '1 A', '2 B']);
    expect(cols).toEqual(['0 C', '1 A', '2 B']);
    // one tile per head; the head axis itself is labelled by its index
    expect(tiles).toBe(config.nHead);
    expect(indexLabel(run, PATTERN, 'head', 1)).toBe('1');
  });

  it('labels activation rows by token and their channels by index', () => {
    const { rows, cols } = heatmapLabels('hook_embed');
    expect(rows).toEqual(['0 C', '1 A', '2 B']);
    expect(cols).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });

  it('labels the position table by position alone, since its rows are not this pass', () => {
    const { rows, cols } = heatmapLabels('transformer.wpe.weight');
    expect(rows).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(cols).toHaveLength(config.nEmbd);
    expect(cols[5]).toBe('5');
  });

  it('labels vocabulary rows with their token, and an id without a string as #id', () => {
    const { rows } = heatmapLabels('transformer.wte.weight');
    expect(rows).toEqual(['0 A', '1 B', '2 C', '3 #3']);
  });

  it('labels a position past the end of the pass by its index', () => {
    expect(indexLabel(run, 'hook_embed', 'pos', 7)).toBe('7');
    expect(indexLabel(run, PATTERN, 'key_pos', 2)).toBe('2 B');
  });

  it('labels weight channels by index, rows and columns as the shape states them', () => {
    const id = 'transformer.h.0.mlp.c_fc.weight';
    const { rows, cols } = heatmapLabels(id);
    expect(blockTensor(run, id)!.tensor.axes).toEqual(['d_mlp', 'd_model']);
    expect(rows).toHaveLength(4 * config.nEmbd);
    expect(rows.at(-1)).toBe(String(4 * config.nEmbd - 1));
    expect(cols).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });
});
