import { describe, expect, it } from 'vitest';
import { makeConfig, PRESETS, type ModelConfig } from '../../engine/model/config.ts';
import { forward } from '../../engine/model/gpt.ts';
import { randomModel } from '../../engine/model/weights.ts';
import { INPUT_IDS, stepNames } from '../../engine/trace.ts';
import { MAX_CELLS_PER_SIDE, gridFor } from './grid.ts';
import {
  blockOf,
  boxesOverlap,
  GLYPH_ASPECT,
  layoutScene,
  TITLE_CHARS,
  type Box,
  type SceneLayout,
} from './layout.ts';

/** Lays out a random model of a config run on `n` tokens. */
function layoutOf(config: ModelConfig, n: number) {
  const model = randomModel(config, 1);
  const tokens = Array.from({ length: n }, (_, i) => i % config.vocabSize);
  const { trace } = forward(model, tokens);
  return { model, trace, layout: layoutScene(trace, model.weights) };
}

const labelBox = (l: { x: number; y: number; width: number; height: number }): Box => ({
  min: [l.x, l.y, 0],
  max: [l.x + l.width, l.y + l.height, 0.001],
});

function expectNoOverlap(layout: SceneLayout): void {
  const boxes = [
    ...layout.blocks.map((b) => ({ id: b.id, box: b.box })),
    ...layout.blocks.map((b) => ({ id: `label of ${b.id}`, box: labelBox(b.label) })),
  ];
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (boxesOverlap(boxes[i].box, boxes[j].box)) clashes.push(`${boxes[i].id} / ${boxes[j].id}`);
    }
  }
  expect(clashes).toEqual([]);
}

const configs: [string, ModelConfig, number][] = [
  ['the minGPT sort config', PRESETS.mingptSort, 11],
  [
    'a 2-layer, 4-head config',
    makeConfig({ vocabSize: 7, blockSize: 8, nLayer: 2, nHead: 4, nEmbd: 32 }),
    5,
  ],
];

describe.each(configs)('layout of %s', (_, config, n) => {
  const { model, trace, layout } = layoutOf(config, n);

  it('gives every trace tensor, every weight and the input ids exactly one block', () => {
    const expected = [INPUT_IDS, ...model.weights.keys(), ...stepNames(config)];
    expect(layout.blocks.map((b) => b.id).sort()).toEqual([...new Set(expected)].sort());
    for (const s of trace.steps) {
      const b = layout.byId.get(s.name)!;
      expect(b.step).toBe(s.index);
      expect(b.role).toBe('activation');
      expect(b.shape).toEqual(s.output.shape);
    }
  });

  it('lets no two blocks or labels overlap', () => {
    expectNoOverlap(layout);
  });

  it('places the steps along the flow in trace order: down the rows, then left to right', () => {
    const steps = trace.steps.map((s) => layout.byId.get(s.name)!);
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1], steps[i]];
      const ordered = a.row < b.row || (a.row === b.row && a.box.max[0] <= b.box.min[0]);
      expect(ordered, `${a.id} before ${b.id}`).toBe(true);
      if (a.row < b.row) expect(b.box.max[1]).toBeLessThan(a.box.min[1]);
    }
  });

  it('puts each linear weight above the output it makes, columns aligned', () => {
    const w = layout.byId.get('transformer.h.1.attn.c_attn.weight')!;
    const out = layout.byId.get('blocks.1.attn.hook_qkv')!;
    expect(w.grid.transposed).toBe(true);
    expect(w.grid.width).toBe(out.grid.width);
    expect(w.box.min[0]).toBe(out.box.min[0]);
    expect(w.box.min[1]).toBeGreaterThan(out.box.max[1]);
  });

  it('titles every row at its left, in flow order: embedding, attention and MLP per block, output', () => {
    const kinds = layout.titles.map((t) => (t.layer === null ? t.kind : `${t.kind} ${t.layer}`));
    const blocks = Array.from({ length: config.nLayer }, (_, l) => [`attention ${l}`, `mlp ${l}`]);
    expect(kinds).toEqual(['embedding', ...blocks.flat(), 'output']);
    const left = Math.min(...layout.blocks.map((b) => b.box.min[0]));
    layout.titles.forEach((t, r) => {
      const row = layout.blocks.filter((b) => b.row === r);
      // On the row's bottom line, left of every block, inside the bounds
      expect(t.y).toBeCloseTo(Math.min(...row.map((b) => b.box.min[1])));
      expect(t.right).toBeLessThan(left);
      expect(t.right - TITLE_CHARS * GLYPH_ASPECT * t.height).toBeGreaterThanOrEqual(
        layout.bounds.min[0],
      );
    });
  });

  it("keeps the MLP's down-projection as stored, so that no row is more than twice another's height", () => {
    expect(layout.byId.get('transformer.h.0.mlp.c_proj.weight')!.grid.transposed).toBe(false);
    const heights = layout.titles.slice(1, -1).map((_, r) => {
      const bs = layout.blocks.filter((b) => b.row === r + 1);
      return Math.max(...bs.map((b) => b.label.y)) - Math.min(...bs.map((b) => b.box.min[1]));
    });
    expect(Math.max(...heights)).toBeLessThan(2 * Math.min(...heights));
  });

  it('shows each head of the attention pattern as its own tile', () => {
    const p = layout.byId.get('blocks.0.attn.hook_pattern')!;
    expect(p.grid.tiles).toBe(config.nHead);
    expect(p.grid.height).toBe(n);
    expect(p.grid.width).toBe(config.nHead * n + config.nHead - 1);
  });
});

describe('layout of a tied, sinusoidal config', () => {
  const config = makeConfig({
    vocabSize: 5,
    blockSize: 6,
    nLayer: 2,
    nHead: 2,
    nEmbd: 16,
    tiedLmHead: true,
    posEncoding: 'sinusoidal',
  });
  const { layout } = layoutOf(config, 4);

  it('draws the tied LM head once, as wte marked shared', () => {
    expect(layout.byId.has('lm_head.weight')).toBe(false);
    const wte = blockOf(layout, 'lm_head.weight')!;
    expect(wte.id).toBe('transformer.wte.weight');
    expect(wte.label.text).toContain('= lm_head');
  });

  it("finds TransformerLens's hook_resid_pre of a later block in the block before's output", () => {
    expect(layout.byId.has('blocks.1.hook_resid_pre')).toBe(false);
    expect(blockOf(layout, 'blocks.1.hook_resid_pre')!.id).toBe('blocks.0.hook_resid_post');
    expect(blockOf(layout, 'blocks.0.hook_resid_pre')!.id).toBe('blocks.0.hook_resid_pre');
  });

  it('has no position table block when positions are sinusoids', () => {
    expect(layout.byId.has('transformer.wpe.weight')).toBe(false);
    expect(layout.byId.get('hook_pos_embed')?.role).toBe('activation');
    expectNoOverlap(layout);
  });

  it('stacks more layers further down the flow', () => {
    const l0 = layout.byId.get('blocks.0.hook_resid_post')!;
    const l1 = layout.byId.get('blocks.1.hook_resid_post')!;
    expect(l1.box.max[1]).toBeLessThan(l0.box.min[1]);
  });
});

describe('cell grids of GPT-2 small', () => {
  it('averages the 50257 × 768 wte down to at most MAX_CELLS_PER_SIDE cells a side', () => {
    const g = gridFor([50257, 768], ['vocab', 'd_model']);
    expect(g.rowPool).toBe(Math.ceil(50257 / MAX_CELLS_PER_SIDE));
    expect(g.height).toBeLessThanOrEqual(MAX_CELLS_PER_SIDE);
    expect(g.width).toBe(384);
  });

  it('keeps the twelve heads of hook_result side by side within the cap', () => {
    const g = gridFor([64, 12, 768], ['pos', 'head', 'd_model']);
    expect(g.tiles).toBe(12);
    expect(g.width).toBeLessThanOrEqual(MAX_CELLS_PER_SIDE);
    expect(g.shownRows).toBe(64);
  });

  it('shows a linear weight (out, in) transposed, in-features as rows', () => {
    const g = gridFor([2304, 768], ['d_qkv', 'd_model'], true);
    expect(g.transposed).toBe(true);
    expect(g.rows).toBe(768);
    expect(g.cols).toBe(2304);
    expect(g.colStride).toBe(768);
  });
});
