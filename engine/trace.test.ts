import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { makeConfig, type ModelConfig } from './model/config.ts';
import { forward } from './model/gpt.ts';
import { randomModel } from './model/weights.ts';
import { getStep, INPUT_IDS, otherNames, stepIndexOf, stepNames, type Trace } from './trace.ts';

// T = 5 tokens, C = 12, nh = 3, hs = 4, M = 48, V = 11.
const T = 5;
const base = makeConfig({ vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 3, nEmbd: 12 });
const ids = [1, 10, 0, 3, 3];

/** Expected shape of a step from its name (the legend in trace.ts). */
function expectedShape(name: string, c: ModelConfig): number[] {
  const hs = c.nEmbd / c.nHead;
  const leaf = name.split('.').at(-1)!;
  if (leaf === 'hook_mean' || leaf === 'hook_scale') return [T];
  if (leaf === 'hook_qkv') return [T, 3 * c.nEmbd];
  if (['hook_q', 'hook_k', 'hook_v', 'hook_z'].includes(leaf)) return [T, c.nHead, hs];
  if (leaf.startsWith('hook_attn_scores') || leaf === 'hook_pattern') return [c.nHead, T, T];
  if (leaf === 'hook_result') return [T, c.nHead, c.nEmbd];
  if (leaf === 'hook_pre' || leaf === 'hook_post') return [T, c.mlpRatio * c.nEmbd];
  if (leaf === 'hook_logits' || leaf === 'hook_probs') return [T, c.vocabSize];
  return [T, c.nEmbd];
}

function checkTrace(trace: Trace, config: ModelConfig, weights: ReadonlyMap<string, unknown>) {
  expect(trace.steps.map((s) => s.name)).toEqual(stepNames(config));
  const seen = new Set<string>();
  trace.steps.forEach((step, i) => {
    expect(step.index).toBe(i);
    for (const input of step.inputs) {
      const known = seen.has(input) || weights.has(input) || input === INPUT_IDS;
      expect(known, `${step.name} reads unknown '${input}'`).toBe(true);
    }
    expect(step.output.shape, step.name).toEqual(expectedShape(step.name, config));
    expect(step.output.axes.length).toBe(step.output.shape.length);
    expect(step.formula.length).toBeGreaterThan(0);
    expect(step.head).toBeNull();
    const layer = step.name.startsWith('blocks.') ? Number(step.name.split('.')[1]) : null;
    expect(step.layer).toBe(layer);
    const finite = step.output.data.every((v) => Number.isFinite(v) || v === -Infinity);
    expect(finite, step.name).toBe(true);
    seen.add(step.name);
  });
}

describe('trace', () => {
  it('records exactly stepNames(config), in order, for a 2-layer model', () => {
    const model = randomModel(base, 5);
    checkTrace(forward(model, ids).trace, base, model.weights);
  });

  it('answers every TransformerLens hook_resid_pre: block l > 0 reads block l - 1 output', () => {
    const { trace } = forward(randomModel(base, 5), ids);
    expect(getStep(trace, 'blocks.0.hook_resid_pre').name).toBe('blocks.0.hook_resid_pre');
    expect(getStep(trace, 'blocks.1.hook_resid_pre').name).toBe('blocks.0.hook_resid_post');
    expect(getStep(trace, 'blocks.1.ln1.hook_mean').inputs).toEqual(['blocks.0.hook_resid_post']);
    expect(stepIndexOf(trace, 'blocks.2.hook_resid_pre')).toBe(-1); // there is no block 2
    expect(otherNames('blocks.0.hook_resid_post', base)).toEqual(['blocks.1.hook_resid_pre']);
    expect(otherNames('blocks.1.hook_resid_post', base)).toEqual([]);
    expect(otherNames('blocks.1.hook_resid_mid', base)).toEqual([]);
  });

  it('names the axes of attention steps as the legend says', () => {
    const { trace } = forward(randomModel(base, 5), ids);
    const axesOf = (n: string) => trace.steps.find((s) => s.name === n)!.output.axes;
    expect(axesOf('blocks.1.attn.hook_pattern')).toEqual(['head', 'query_pos', 'key_pos']);
    expect(axesOf('blocks.0.attn.hook_q')).toEqual(['pos', 'head', 'd_head']);
    expect(axesOf('blocks.0.attn.hook_result')).toEqual(['pos', 'head', 'd_model']);
    expect(axesOf('blocks.0.mlp.hook_pre')).toEqual(['pos', 'd_mlp']);
    expect(axesOf('ln_final.hook_mean')).toEqual(['pos']);
    expect(axesOf('hook_probs')).toEqual(['pos', 'vocab']);
  });

  it('writes every formula as LaTeX that KaTeX renders', () => {
    for (const activation of ['gelu', 'gelu_tanh'] as const) {
      for (const posEncoding of ['learned', 'sinusoidal'] as const) {
        const config: ModelConfig = { ...base, activation, posEncoding };
        const { trace } = forward(randomModel(config, 5), ids);
        for (const step of trace.steps) {
          expect(
            () => katex.renderToString(step.formula, { throwOnError: true }),
            step.name,
          ).not.toThrow();
        }
      }
    }
  });

  it('gives every step its own buffer', () => {
    const { trace } = forward(randomModel(base, 5), ids);
    const buffers = new Set(trace.steps.map((s) => s.output.data.buffer));
    expect(buffers.size).toBe(trace.steps.length);
  });

  it('runs with sinusoidal positions, a tied head, no biases and exact GELU', () => {
    const config: ModelConfig = {
      ...base,
      posEncoding: 'sinusoidal',
      tiedLmHead: true,
      bias: false,
      activation: 'gelu',
    };
    const model = randomModel(config, 6);
    const { trace } = forward(model, ids);
    checkTrace(trace, config, model.weights);
    const pos = trace.steps[1].output.data;
    expect(pos[config.nEmbd]).toBeCloseTo(Math.sin(1), 6); // PE[1, 0]
    expect(trace.steps.find((s) => s.name === 'hook_logits')!.inputs).toContain('lm_head.weight');
  });
});
