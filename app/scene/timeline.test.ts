import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModelFiles } from '../../engine/io/model-file.ts';
import { makeConfig, type ModelConfig } from '../../engine/model/config.ts';
import { forward } from '../../engine/model/gpt.ts';
import { randomModel, type Model } from '../../engine/model/weights.ts';
import { INPUT_IDS, type Trace } from '../../engine/trace.ts';
import { CURRENT, EMPTY, READ, SHOWN } from './blockMaterial.ts';
import { layoutScene, type Box, type SceneLayout } from './layout.ts';
import { blockState, focusBox, FOCUS_ROWS, layerStarts, readsByStep } from './timeline.ts';

const models = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/models');
const shipped = existsSync(path.join(models, 'sort.safetensors'));

/** A trace of a model on some tokens, and its layout. */
function sceneOf(model: Model, tokens: number[]): { trace: Trace; layout: SceneLayout } {
  const { trace } = forward(model, tokens);
  return { trace, layout: layoutScene(trace, model.weights) };
}

function sortModel(): Model {
  const card = JSON.parse(readFileSync(path.join(models, 'sort.json'), 'utf8')) as unknown;
  const bytes = new Uint8Array(readFileSync(path.join(models, 'sort.safetensors')));
  return loadModelFiles(card, bytes).model;
}

/** Ids of the blocks in each state at a step. */
function statesAt(layout: SceneLayout, trace: Trace, step: number) {
  const reads = readsByStep(layout, trace)[step];
  const ids = { current: [] as string[], read: [] as string[], shown: [] as string[] };
  const empty: string[] = [];
  for (const b of layout.blocks) {
    const s = blockState(b, step, reads);
    if (s === CURRENT) ids.current.push(b.id);
    else if (s === READ) ids.read.push(b.id);
    else if (s === SHOWN) ids.shown.push(b.id);
    else if (s === EMPTY) empty.push(b.id);
  }
  return { ...ids, empty };
}

const contains = (outer: Box, inner: Box): boolean =>
  [0, 1, 2].every((i) => outer.min[i] <= inner.min[i] && inner.max[i] <= outer.max[i]);

/** A 2-layer config with a tied LM head: its logits read wte, at the far top of the model. */
const tied: ModelConfig = makeConfig({
  vocabSize: 5,
  blockSize: 6,
  nLayer: 2,
  nHead: 2,
  nEmbd: 16,
  tiedLmHead: true,
});

describe.skipIf(!shipped)('the timeline of the shipped sort model', () => {
  const model = shipped ? sortModel() : (null as never);
  const { trace, layout } = shipped ? sceneOf(model, [2, 0, 1, 1, 0, 2]) : (null as never);
  const index = (name: string) => trace.steps.findIndex((s) => s.name === name);
  const weights = [...model.weights.keys()];

  it('lists, for each step, the blocks of every tensor it reads, weights included', () => {
    const reads = readsByStep(layout, trace);
    expect(reads).toHaveLength(trace.steps.length);
    expect([...reads[index('hook_embed')]].sort()).toEqual([INPUT_IDS, 'transformer.wte.weight']);
    expect([...reads[index('blocks.1.attn.hook_qkv')]].sort()).toEqual([
      'blocks.1.ln1.hook_out',
      'transformer.h.1.attn.c_attn.bias',
      'transformer.h.1.attn.c_attn.weight',
    ]);
    expect([...reads[index('hook_logits')]].sort()).toEqual([
      'lm_head.weight',
      'ln_final.hook_out',
    ]);
    trace.steps.forEach((s, k) => {
      expect([...reads[k]].sort(), s.name).toEqual([...s.inputs].sort());
    });
  });

  it('at the first step glows the embedding, highlights input ids and wte, and leaves every later step empty', () => {
    const s = statesAt(layout, trace, 0);
    expect(s.current).toEqual(['hook_embed']);
    expect(s.read.sort()).toEqual([INPUT_IDS, 'transformer.wte.weight']);
    // The weights it does not read show their values; no activation does yet
    expect(s.shown.sort()).toEqual(weights.filter((w) => w !== 'transformer.wte.weight').sort());
    expect(s.empty.sort()).toEqual(
      trace.steps
        .slice(1)
        .map((t) => t.name)
        .sort(),
    );
  });

  it('at a step inside layer 1 glows its block, highlights what it reads and shows what came before', () => {
    const k = index('blocks.1.attn.hook_qkv');
    const s = statesAt(layout, trace, k);
    expect(s.current).toEqual(['blocks.1.attn.hook_qkv']);
    expect(s.read.sort()).toEqual([
      'blocks.1.ln1.hook_out',
      'transformer.h.1.attn.c_attn.bias',
      'transformer.h.1.attn.c_attn.weight',
    ]);
    expect(s.shown).toContain('blocks.0.attn.hook_pattern');
    expect(s.shown).toContain(INPUT_IDS);
    expect(s.shown).toContain('transformer.h.2.mlp.c_fc.weight');
    expect(s.empty).toContain('blocks.1.attn.hook_q');
    expect(s.empty).toHaveLength(trace.steps.length - 1 - k);
  });

  it('at the last step shows every block written earlier and leaves none empty', () => {
    const s = statesAt(layout, trace, trace.steps.length - 1);
    expect(s.current).toEqual(['hook_probs']);
    expect(s.read).toEqual(['hook_logits']);
    expect(s.empty).toEqual([]);
    expect(s.shown).toHaveLength(layout.blocks.length - 2);
  });

  it('at every step: one block current, its reads highlighted, earlier blocks shown, later empty', () => {
    const reads = readsByStep(layout, trace);
    for (let k = 0; k < trace.steps.length; k++) {
      const s = statesAt(layout, trace, k);
      expect(s.current, `step ${k}`).toEqual([trace.steps[k].name]);
      expect(s.read.sort(), `step ${k}`).toEqual([...reads[k]].sort());
      expect(s.empty.sort(), `step ${k}`).toEqual(
        trace.steps
          .slice(k + 1)
          .map((t) => t.name)
          .sort(),
      );
      // Shown: every weight and the input not read, every step before k not read
      const earlier = trace.steps.slice(0, k).map((t) => t.name);
      const shown = [INPUT_IDS, ...weights, ...earlier].filter((id) => !reads[k].has(id));
      expect(s.shown.sort(), `step ${k}`).toEqual(shown.sort());
    }
  });

  it('marks each layer at its first step: the residual stream entering it, then its LayerNorm 1', () => {
    expect(layerStarts(trace)).toEqual([
      { layer: 0, step: index('blocks.0.hook_resid_pre') },
      { layer: 1, step: index('blocks.1.ln1.hook_mean') },
      { layer: 2, step: index('blocks.2.ln1.hook_mean') },
    ]);
    expect(layerStarts(trace).map((m) => m.step)).toEqual([2, 26, 49]);
    for (const { layer, step } of layerStarts(trace)) {
      expect(trace.steps[step].layer).toBe(layer);
      expect(trace.steps[step - 1].layer).not.toBe(layer);
    }
  });

  it('frames the block a step writes and the blocks it reads, with room above for their labels', () => {
    for (const s of trace.steps) {
      const box = focusBox(layout, trace, s.index);
      const out = layout.byId.get(s.name)!;
      expect(contains(box, out.box), s.name).toBe(true);
      for (const name of s.inputs) {
        expect(contains(box, layout.byId.get(name)!.box), `${s.name} reads ${name}`).toBe(true);
      }
      expect(box.max[1], s.name).toBeGreaterThanOrEqual(out.label.y + out.label.height);
    }
  });

  it('frames a step no larger than its blocks and their labels need', () => {
    const s = trace.steps[index('blocks.0.attn.hook_qkv')];
    const framed = [s.name, ...s.inputs].map((n) => layout.byId.get(n)!.box);
    const box = focusBox(layout, trace, s.index);
    for (const i of [0, 1, 2]) {
      expect(box.min[i]).toBe(Math.min(...framed.map((b) => b.min[i])));
      if (i !== 1) expect(box.max[i]).toBe(Math.max(...framed.map((b) => b.max[i])));
    }
    expect(box.max[1]).toBeCloseTo(Math.max(...framed.map((b) => b.max[1])) + 1.5 * layout.unit);
    // Well inside the whole model: a follow shot is closer than the first view
    expect(box.max[1] - box.min[1]).toBeLessThan((layout.bounds.max[1] - layout.bounds.min[1]) / 3);
  });
});

describe('the timeline of a tied 2-layer config', () => {
  const model = randomModel(tied, 3);
  const { trace, layout } = sceneOf(model, [0, 1, 2, 3]);
  const logits = trace.steps.find((s) => s.name === 'hook_logits')!;

  it('reads the tied LM head as the one wte block', () => {
    const reads = readsByStep(layout, trace)[logits.index];
    expect([...reads].sort()).toEqual(['ln_final.hook_out', 'transformer.wte.weight']);
    const wte = layout.byId.get('transformer.wte.weight')!;
    expect(blockState(wte, logits.index, reads)).toBe(READ);
  });

  it('leaves the far wte out of the LM head step’s frame', () => {
    const wte = layout.byId.get('transformer.wte.weight')!;
    const out = layout.byId.get('hook_logits')!;
    expect(out.row - wte.row).toBeGreaterThan(FOCUS_ROWS);
    const box = focusBox(layout, trace, logits.index);
    expect(contains(box, out.box)).toBe(true);
    expect(contains(box, layout.byId.get('ln_final.hook_out')!.box)).toBe(true);
    expect(box.max[1]).toBeLessThan(wte.box.min[1]);
  });

  it('marks one layer start per layer, in order', () => {
    expect(layerStarts(trace)).toEqual([
      { layer: 0, step: 2 },
      { layer: 1, step: trace.steps.findIndex((s) => s.name === 'blocks.1.ln1.hook_mean') },
    ]);
  });

  it('frames the whole model for a step its layout does not hold', () => {
    const deeper = sceneOf(randomModel(makeConfig({ ...tied, nLayer: 3 }), 3), [0, 1, 2, 3]).trace;
    const k = deeper.steps.findIndex((s) => s.name === 'blocks.2.ln1.hook_mean');
    expect(focusBox(layout, deeper, k)).toBe(layout.bounds);
  });
});
