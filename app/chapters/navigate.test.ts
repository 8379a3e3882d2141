import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../engine/model/config.ts';
import { forward } from '../../engine/model/gpt.ts';
import { randomModel } from '../../engine/model/weights.ts';
import { layoutScene } from '../scene/layout.ts';
import type { RunResult } from '../store/run.ts';
import { chapterView } from './navigate.ts';
import type { ChapterMeta } from './parse.ts';

const model = randomModel(PRESETS.mingptSort, 0);
const tokens = [0, 1, 2, 0, 1, 2];
const { trace } = forward(model, tokens);
const run: Pick<RunResult, 'trace' | 'layout' | 'model'> = {
  model,
  trace,
  layout: layoutScene(trace, model.weights),
};
const at = (name: string) => trace.steps.findIndex((s) => s.name === name);

const layernorm: ChapterMeta = {
  id: 'layernorm',
  title: 'LayerNorm',
  steps: ['blocks.{l}.ln1.hook_mean', 'blocks.{l}.ln1.hook_out'],
  focus: 'blocks.{l}.ln1.hook_normalized',
  highlight: ['transformer.h.{l}.ln_1.weight', 'transformer.h.{l}.missing.weight'],
  panel: 'layernorm',
};

describe('chapterView', () => {
  it('moves the timeline to the focus step of the chosen layer', () => {
    const v = chapterView(layernorm, run, 1);
    expect(v.step).toBe(at('blocks.1.ln1.hook_normalized'));
    expect(v.steps).toEqual([at('blocks.1.ln1.hook_mean'), at('blocks.1.ln1.hook_out')]);
  });

  it('highlights the named blocks and skips names the model lacks', () => {
    const v = chapterView(layernorm, run, 2);
    expect([...v.highlight]).toEqual(['transformer.h.2.ln_1.weight']);
  });

  it('frames a box holding the focus block', () => {
    const v = chapterView(layernorm, run, 0);
    const b = run.layout.byId.get('blocks.0.ln1.hook_normalized')!.box;
    expect(v.box).not.toBeNull();
    for (let i = 0; i < 3; i++) {
      expect(v.box!.min[i]).toBeLessThanOrEqual(b.min[i]);
      expect(v.box!.max[i]).toBeGreaterThanOrEqual(b.max[i]);
    }
  });

  it('frames the whole model and takes the last step when there is no focus', () => {
    const v = chapterView({ ...layernorm, focus: null }, run, 0);
    expect(v.box).toBeNull();
    expect(v.step).toBe(at('blocks.0.ln1.hook_out'));
  });

  it('follows a tied lm_head to the token embedding block', () => {
    const v = chapterView({ ...layernorm, highlight: ['transformer.wte.weight'] }, run, 0);
    expect(v.highlight.has('transformer.wte.weight')).toBe(true);
  });
});
