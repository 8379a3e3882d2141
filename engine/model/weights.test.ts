import { describe, expect, it } from 'vitest';
import { ConfigError, WeightError } from '../errors.ts';
import { numel } from '../tensor.ts';
import { makeConfig, type ModelConfig } from './config.ts';
import { buildModel, MAX_LAYERS, randomModel, validateConfig, weightSpecs } from './weights.ts';

const small = makeConfig({ vocabSize: 5, blockSize: 8, nLayer: 2, nHead: 3, nEmbd: 48 });

/** The tensors of a random model, as a loader would hand them over. */
function tensorsOf(config: ModelConfig) {
  const m = randomModel(config, 1);
  return new Map(
    [...m.weights].map(([n, t]) => [n, { shape: [...t.shape], data: t.data.slice() }]),
  );
}

describe('validateConfig', () => {
  it('rejects nEmbd not divisible by nHead', () => {
    expect(() => validateConfig({ ...small, nHead: 5 })).toThrow(ConfigError);
    expect(() => validateConfig({ ...small, nHead: 5 })).toThrow(/divisible by nHead \(5\)/);
  });

  it('rejects sizes that are not positive integers, and a bad eps', () => {
    expect(() => validateConfig({ ...small, nLayer: 0 })).toThrow(
      /nLayer must be a positive integer, got 0/,
    );
    expect(() => validateConfig({ ...small, vocabSize: 2.5 })).toThrow(/vocabSize/);
    expect(() => validateConfig({ ...small, layerNormEps: 0 })).toThrow(/layerNormEps/);
  });

  it('rejects a billion layers with a ConfigError naming nLayer, before allocating', () => {
    const deep = { ...small, nLayer: 1e9 };
    expect(() => randomModel(deep, 1)).toThrow(ConfigError);
    expect(() => randomModel(deep, 1)).toThrow(
      `nLayer must be at most ${MAX_LAYERS}, got 1000000000`,
    );
  });

  it('rejects a config implying more than 2e9 parameters', () => {
    const wide = { ...small, nEmbd: 30_000, nHead: 3 }; // 12 * 30000^2 * 2 blocks = 2.2e10
    expect(() => validateConfig(wide)).toThrow(ConfigError);
    expect(() => validateConfig(wide)).toThrow(
      /implies 2\.\d+e\+10 parameters .*more than the 2e\+9/,
    );
  });
});

describe('weightSpecs', () => {
  it('lists nanoGPT names in state_dict order with shapes and axes', () => {
    const specs = weightSpecs(small);
    const names = [...specs.keys()];
    expect(names.slice(0, 4)).toEqual([
      'transformer.wte.weight',
      'transformer.wpe.weight',
      'transformer.h.0.ln_1.weight',
      'transformer.h.0.ln_1.bias',
    ]);
    expect(names.at(-1)).toBe('lm_head.weight');
    expect(specs.get('transformer.h.1.attn.c_attn.weight')).toEqual({
      shape: [144, 48],
      axes: ['d_qkv', 'd_model'],
    });
    expect(specs.get('transformer.h.0.mlp.c_proj.weight')).toEqual({
      shape: [48, 192],
      axes: ['d_model', 'd_mlp'],
    });
    expect(specs.size).toBe(2 + 2 * 12 + 2 + 1);
  });

  it('drops biases and wpe when the config has none', () => {
    const specs = weightSpecs({ ...small, bias: false, posEncoding: 'sinusoidal' });
    expect([...specs.keys()].some((n) => n.endsWith('.bias'))).toBe(false);
    expect(specs.has('transformer.wpe.weight')).toBe(false);
    expect(specs.size).toBe(1 + 2 * 6 + 1 + 1);
  });
});

describe('randomModel', () => {
  it('follows nanoGPT init: std 0.02, scaled c_proj, zero biases, unit LayerNorm', () => {
    const m = randomModel(small, 3);
    const std = (d: Float32Array) => Math.sqrt(d.reduce((s, v) => s + v * v, 0) / d.length);
    expect(std(m.weights.get('transformer.h.0.mlp.c_fc.weight')!.data)).toBeCloseTo(0.02, 3);
    expect(std(m.weights.get('transformer.h.0.mlp.c_proj.weight')!.data)).toBeCloseTo(0.01, 3);
    expect(m.weights.get('transformer.h.1.attn.c_attn.bias')!.data.every((v) => v === 0)).toBe(
      true,
    );
    expect(m.weights.get('transformer.ln_f.weight')!.data.every((v) => v === 1)).toBe(true);
  });

  it('gives the same weights for the same seed and shares wte when tied', () => {
    const a = randomModel(small, 9).weights.get('transformer.wte.weight')!.data;
    const b = randomModel(small, 9).weights.get('transformer.wte.weight')!.data;
    expect(b).toEqual(a);
    const tied = randomModel({ ...small, tiedLmHead: true }, 9);
    expect(tied.weights.get('lm_head.weight')).toBe(tied.weights.get('transformer.wte.weight'));
  });
});

describe('buildModel', () => {
  it('accepts a full set and ignores mask buffers', () => {
    const t = tensorsOf(small);
    t.set('transformer.h.0.attn.bias', { shape: [1, 1, 8, 8], data: new Float32Array(64) });
    t.set('transformer.h.1.attn.masked_bias', { shape: [], data: new Float32Array(1) });
    const m = buildModel(small, t);
    expect(m.weights.has('transformer.h.0.attn.bias')).toBe(false);
    expect(m.weights.get('transformer.h.0.attn.c_attn.weight')!.axes).toEqual(['d_qkv', 'd_model']);
    for (const [n, s] of weightSpecs(small))
      expect(m.weights.get(n)!.data.length).toBe(numel(s.shape));
  });

  it('names a missing tensor', () => {
    const t = tensorsOf(small);
    t.delete('transformer.h.1.ln_2.bias');
    expect(() => buildModel(small, t)).toThrow(WeightError);
    expect(() => buildModel(small, t)).toThrow('missing weight transformer.h.1.ln_2.bias');
  });

  it('rejects a config with more blocks than the weights hold, before listing names', () => {
    const t = tensorsOf(small); // 2 blocks
    expect(() => buildModel({ ...small, nLayer: MAX_LAYERS }, t)).toThrow(WeightError);
    expect(() => buildModel({ ...small, nLayer: 3 }, t)).toThrow(
      'nLayer is 3 but the weights hold 2 blocks',
    );
  });

  it('names an unexpected tensor', () => {
    const t = tensorsOf(small);
    t.set('transformer.h.2.ln_1.weight', { shape: [48], data: new Float32Array(48) });
    expect(() => buildModel(small, t)).toThrow(/unexpected weight transformer\.h\.2\.ln_1\.weight/);
  });

  it('names a misshapen tensor with both shapes', () => {
    const t = tensorsOf(small);
    t.set('transformer.h.0.attn.c_attn.weight', {
      shape: [48, 48],
      data: new Float32Array(48 * 48),
    });
    expect(() => buildModel(small, t)).toThrow(
      'transformer.h.0.attn.c_attn.weight has shape [48, 48] but the config needs [144, 48]',
    );
  });

  it('rejects NaN and Infinity, naming the tensor', () => {
    const t = tensorsOf(small);
    t.get('transformer.h.1.mlp.c_fc.bias')!.data[7] = NaN;
    expect(() => buildModel(small, t)).toThrow(
      /transformer\.h\.1\.mlp\.c_fc\.bias has a non-finite value \(NaN\)/,
    );
    const u = tensorsOf(small);
    u.get('transformer.wte.weight')!.data[0] = Infinity;
    expect(() => buildModel(small, u)).toThrow(/transformer\.wte\.weight.*Infinity/);
  });

  it('fills a tied head from wte, and rejects a head that differs from it', () => {
    const tied = { ...small, tiedLmHead: true };
    const t = tensorsOf(tied);
    t.delete('lm_head.weight');
    const m = buildModel(tied, t);
    expect(m.weights.get('lm_head.weight')).toBe(m.weights.get('transformer.wte.weight'));
    const u = tensorsOf(tied);
    u.get('lm_head.weight')!.data[3] += 1;
    expect(() => buildModel(tied, u)).toThrow(
      /lm_head\.weight differs from transformer\.wte\.weight/,
    );
  });
});
