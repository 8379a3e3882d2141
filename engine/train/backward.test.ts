import { describe, expect, it } from 'vitest';
import { makeConfig, type ModelConfig } from '../model/config.ts';
import { forward } from '../model/gpt.ts';
import { buildModel, weightSpecs, type Model } from '../model/weights.ts';
import { makeRng } from '../random.ts';
import { gptBackward, trainableNames, zeroGradients } from './backward.ts';
import { relError } from './gradcheck.ts';
import { countScored, crossEntropy, NOT_SCORED } from './loss.ts';

// Whole-model check in float32 (the engine's forward is float32): every parameter entry is
// nudged by +-h and the loss difference is compared with the analytic gradient times the nudge
// actually stored in float32. Relative error per tensor = max|analytic - numeric| / max|analytic|.
// h = 3e-3 balances float32 rounding of the loss (~1e-7 over a 2h step) against the O(h^2)
// truncation error; the tolerance is 1e-2 relative per tensor (observed at most 1.7e-3, on wpe).
const H = 3e-3;
const TOL = 1e-2;
/** Std of the test weights: larger than nanoGPT's 0.02 so attention patterns are far from uniform. */
const WEIGHT_STD = 0.3;
const S = NOT_SCORED;
const BATCH = [
  { tokens: [1, 4, 2, 0, 3, 3], targets: [S, 2, 0, 3, 3, 1] },
  { tokens: [2, 2, 1, 0], targets: [2, 1, 0, 4] },
];

/** A 2-layer model with random weights of every kind (gains near 1, non-zero biases). */
function testModel(config: ModelConfig, seed: number): Model {
  const rng = makeRng(seed);
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, spec] of weightSpecs(config)) {
    if (name === 'lm_head.weight' && config.tiedLmHead) continue;
    const isGain = /ln_(1|2|f)\.weight$/.test(name);
    const data = Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () =>
      isGain ? 1 + 0.2 * rng.normal() : WEIGHT_STD * rng.normal(),
    );
    tensors.set(name, { shape: spec.shape, data });
  }
  return buildModel(config, tensors);
}

function batchLoss(model: Model): number {
  const n = countScored(BATCH.map((b) => b.targets));
  let sum = 0;
  for (const b of BATCH) sum += crossEntropy(forward(model, b.tokens).logits.data, b.targets);
  return sum / n;
}

const base = { vocabSize: 5, blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 } as const;
const CONFIGS: [string, ModelConfig][] = [
  ['bias, untied, tanh GELU, learned positions', makeConfig({ ...base })],
  [
    'bias, tied, exact GELU, sinusoidal positions',
    makeConfig({ ...base, tiedLmHead: true, activation: 'gelu', posEncoding: 'sinusoidal' }),
  ],
  [
    'no bias, tied, exact GELU, learned positions',
    makeConfig({ ...base, bias: false, tiedLmHead: true, activation: 'gelu' }),
  ],
];

describe.each(CONFIGS)('gptBackward on a 2-layer model (%s)', (_label, config) => {
  const model = testModel(config, 11);
  const grads = zeroGradients(config);
  const loss = gptBackward(
    model,
    BATCH.map((b) => ({ trace: forward(model, b.tokens).trace, targets: b.targets })),
    grads,
  );

  it('returns the mean loss over the scored positions', () => {
    expect(loss).toBeCloseTo(batchLoss(model), 6);
  });

  it('has a gradient for exactly the trainable parameters', () => {
    expect([...grads.keys()]).toEqual(trainableNames(config));
    expect(grads.has('lm_head.weight')).toBe(!config.tiedLmHead);
    expect(grads.has('transformer.wpe.weight')).toBe(config.posEncoding === 'learned');
  });

  it('matches finite differences for every parameter entry', () => {
    const errors: Record<string, number> = {};
    for (const [name, g] of grads) {
      const w = model.weights.get(name)!.data;
      const numeric = new Float64Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const w0 = w[i];
        w[i] = w0 + H;
        const up = batchLoss(model);
        const dUp = w[i] - w0; // the nudge float32 actually stored
        w[i] = w0 - H;
        const down = batchLoss(model);
        const dDown = w0 - w[i];
        w[i] = w0;
        numeric[i] = (up - down) / (dUp + dDown);
      }
      errors[name] = relError(g, numeric);
    }
    console.log(`whole-model rel. errors (${_label})`, errors);
    for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(TOL);
  });
});

describe('gptBackward reductions', () => {
  it('sums instead of averaging when asked: loss and gradients scale by the scored count', () => {
    const config = makeConfig(base);
    const model = testModel(config, 4);
    const batch = BATCH.map((b) => ({ trace: forward(model, b.tokens).trace, targets: b.targets }));
    const mean = zeroGradients(config);
    const sum = zeroGradients(config);
    const n = countScored(BATCH.map((b) => b.targets)); // 9
    expect(gptBackward(model, batch, sum, 'sum')).toBeCloseTo(
      n * gptBackward(model, batch, mean),
      5,
    );
    const wte = 'transformer.wte.weight';
    expect(
      relError(
        sum.get(wte)!,
        mean.get(wte)!.map((g) => g * n),
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('gptBackward positions', () => {
  it('leaves rows of wpe past the sequence at zero gradient', () => {
    const config = makeConfig(base);
    const model = testModel(config, 3);
    const grads = zeroGradients(config);
    const tokens = [1, 2, 3];
    gptBackward(model, [{ trace: forward(model, tokens).trace, targets: [2, 3, 4] }], grads);
    const wpe = grads.get('transformer.wpe.weight')!;
    expect(Math.max(...wpe.subarray(3 * base.nEmbd).map(Math.abs))).toBe(0);
    expect(Math.max(...wpe.subarray(0, 3 * base.nEmbd).map(Math.abs))).toBeGreaterThan(0);
  });
});
