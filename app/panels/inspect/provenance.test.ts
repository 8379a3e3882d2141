import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../../engine/model/config.ts';
import { forward } from '../../../engine/model/gpt.ts';
import { randomModel } from '../../../engine/model/weights.ts';
import { geluExact, geluTanh } from '../../../engine/ops/activations.ts';
import { INPUT_IDS, type Step } from '../../../engine/trace.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { makeRng } from '../../../engine/random.ts';
import { layoutScene } from '../../scene/layout.ts';
import { gridAxes, provenance, sliceRects, sliceText, type InputSlice } from './provenance.ts';
import { unravel } from './tensorView.ts';

/** Two layers, three heads, biases: every step kind with small shapes. */
const config = makeConfig({ vocabSize: 5, blockSize: 8, nLayer: 2, nHead: 3, nEmbd: 12 });
const model = randomModel(config, 7);
const tokens = [3, 1, 4, 1, 0, 2];
const { trace } = forward(model, tokens);
const T = tokens.length;

const tensorOf = (name: string): Tensor => {
  if (name === INPUT_IDS) return { data: Float32Array.from(tokens), shape: [T], axes: ['pos'] };
  const step = trace.steps.find((s) => s.name === name);
  const t = step ? step.output : model.weights.get(name);
  if (!t) throw new Error(`no tensor ${name}`);
  return t;
};
const shapeOf = (name: string) => tensorOf(name).shape;

/** The values of a slice, row-major. */
function gather(s: InputSlice): number[] {
  const t = tensorOf(s.name);
  const out: number[] = [];
  for (let i = 0; i < t.data.length; i++) {
    const ix = unravel(t.shape, i);
    if (ix.every((v, k) => v >= s.ranges[k][0] && v < s.ranges[k][1])) out.push(t.data[i]);
  }
  return out;
}
const dot = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + v * b[i], 0);
const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

/** An output element recomputed from nothing but the input elements provenance names. */
function recompute(step: Step, index: number[]): number {
  const ins = provenance(step, index, tokens, shapeOf).map(gather);
  const last = index[index.length - 1];
  switch (step.kind) {
    case 'embed':
      expect(ins[0]).toEqual([tokens[index[0]]]);
      return ins[1][0];
    case 'pos_embed':
    case 'split_heads':
      return ins[0][0];
    case 'add':
      return ins.length === 2 && ins[0].length === 1 ? ins[0][0] + ins[1][0] : sum(ins.flat());
    case 'ln_mean':
      return sum(ins[0]) / ins[0].length;
    case 'ln_scale': {
      const m = ins[1][0];
      return Math.sqrt(sum(ins[0].map((v) => (v - m) ** 2)) / ins[0].length + config.layerNormEps);
    }
    case 'ln_normalize':
      return (ins[0][0] - ins[1][0]) / ins[2][0];
    case 'ln_affine':
      return ins[0][0] * ins[1][0] + (ins[2]?.[0] ?? 0);
    case 'linear':
    case 'unembed':
      return dot(ins[0], ins[1]) + (ins[2]?.[0] ?? 0);
    case 'attn_scores':
      return dot(ins[0], ins[1]) / Math.sqrt(ins[0].length);
    case 'causal_mask':
      return index[2] > index[1] ? -Infinity : ins[0][0];
    case 'softmax': {
      const row = ins[0];
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      return e[last] / sum(e);
    }
    case 'attn_mix':
    case 'head_result':
      return dot(ins[0], ins[1]);
    case 'gelu':
      return config.activation === 'gelu' ? geluExact(ins[0][0]) : geluTanh(ins[0][0]);
  }
}

describe('provenance', () => {
  it('names input elements that recompute sampled outputs of every step', () => {
    const rng = makeRng(3);
    for (const step of trace.steps) {
      for (let n = 0; n < 4; n++) {
        const flat = rng.int(step.output.data.length);
        const index = unravel(step.output.shape, flat);
        const want = step.output.data[flat];
        const got = recompute(step, index);
        if (want === -Infinity) expect(got, step.name).toBe(-Infinity);
        else expect(got, `${step.name}[${index}]`).toBeCloseTo(want, 4);
      }
    }
  });

  it('reads a row of the input and a row of the nn.Linear weight for a matrix product', () => {
    const step = trace.steps.find((s) => s.name === 'blocks.0.mlp.hook_pre')!;
    const from = provenance(step, [2, 17], tokens, shapeOf);
    expect(from.map((f) => `${f.name}${sliceText(f.ranges, shapeOf(f.name))}`)).toEqual([
      'blocks.0.ln2.hook_out[2, :]',
      'transformer.h.0.mlp.c_fc.weight[17, :]',
      'transformer.h.0.mlp.c_fc.bias[17]',
    ]);
  });

  it('maps tiles, rows and columns to the tensor axes gridFor strides over', () => {
    const layout = layoutScene(trace, model.weights);
    for (const b of layout.blocks) {
      const t = tensorOf(b.id);
      const ga = gridAxes(t.axes, b.grid.transposed);
      const stride = (axis: number) => t.shape.slice(axis + 1).reduce((a, c) => a * c, 1);
      if (ga.row !== null && b.grid.rows > 1) expect(b.grid.rowStride, b.id).toBe(stride(ga.row));
      if (ga.col !== null && b.grid.cols > 1) expect(b.grid.colStride, b.id).toBe(stride(ga.col));
      if (ga.tile !== null) expect(b.grid.tileStride, b.id).toBe(stride(ga.tile));
    }
  });

  it('outlines one rectangle per head a slice covers', () => {
    const layout = layoutScene(trace, model.weights);
    const q = layout.byId.get('blocks.0.attn.hook_q')!; // (T, nh, hs): a tile per head
    const ga = gridAxes(['pos', 'head', 'd_head'], false);
    const rects = sliceRects(q.grid, ga, [
      [2, 3],
      [0, 3],
      [1, 2],
    ]);
    expect(rects).toHaveLength(3);
    expect(rects[1]).toEqual({ x0: 4 + 1 + 1, x1: 4 + 1 + 2, y0: 2, y1: 3 });
  });
});
