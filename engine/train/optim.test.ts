import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor.ts';
import { clipGradNorm, createAdamW, learningRate } from './optim.ts';
import { crossEntropy, NOT_SCORED } from './loss.ts';
import { numericGrad, randomF64, relError } from './gradcheck.ts';

const settings = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };

describe('AdamW', () => {
  it('moves each parameter by lr against its gradient sign on the first step', () => {
    // First step: mHat = g, vHat = g^2, so the step is lr * g / (|g| + eps).
    const b = tensor(Float32Array.of(1, 1), [2], ['d_model']);
    const opt = createAdamW(new Map([['b', b]]), settings);
    opt.step(new Map([['b', Float32Array.of(0.5, -2)]]), 0.01);
    expect(b.data[0]).toBeCloseTo(0.99, 6);
    expect(b.data[1]).toBeCloseTo(1.01, 6);
  });

  it('decays 2D weights but not 1D biases or gains', () => {
    const w = tensor(Float32Array.of(1, 1), [1, 2], ['vocab', 'd_model']);
    const b = tensor(Float32Array.of(1, 1), [2], ['d_model']);
    const opt = createAdamW(
      new Map([
        ['w', w],
        ['b', b],
      ]),
      settings,
    );
    const zero = new Float32Array(2);
    opt.step(
      new Map([
        ['w', zero],
        ['b', zero],
      ]),
      0.5,
    );
    expect(w.data[0]).toBeCloseTo(1 - 0.5 * 0.1, 6); // decoupled decay: w *= 1 - lr * wd
    expect(b.data[0]).toBe(1);
    expect(opt.steps).toBe(1);
  });

  it('throws when a parameter has no gradient', () => {
    const b = tensor(Float32Array.of(1), [1], ['d_model']);
    expect(() => createAdamW(new Map([['b', b]]), settings).step(new Map(), 0.1)).toThrow(/'b'/);
  });
});

describe('clipGradNorm', () => {
  it('scales gradients down to the max norm and returns the norm before', () => {
    const g = new Map([['a', Float32Array.of(3, 4)]]);
    expect(clipGradNorm(g, 1)).toBeCloseTo(5, 6);
    expect(g.get('a')![0]).toBeCloseTo(0.6, 5);
    expect(g.get('a')![1]).toBeCloseTo(0.8, 5);
  });

  it('leaves gradients under the max norm alone', () => {
    const g = new Map([['a', Float32Array.of(0.3, 0.4)]]);
    clipGradNorm(g, 1);
    expect([...g.get('a')!]).toEqual([...Float32Array.of(0.3, 0.4)]);
  });
});

describe('learningRate', () => {
  const s = { lr: 1e-3, minLr: 1e-4, warmupSteps: 10, decaySteps: 110 };

  it('warms up linearly, peaks, decays by a cosine and stays at the floor', () => {
    expect(learningRate(0, s)).toBeCloseTo(1e-3 / 11, 12);
    expect(learningRate(9, s)).toBeCloseTo(1e-3 * (10 / 11), 12);
    expect(learningRate(10, s)).toBeCloseTo(1e-3, 12);
    expect(learningRate(60, s)).toBeCloseTo(5.5e-4, 12); // halfway: mean of lr and minLr
    expect(learningRate(110, s)).toBe(1e-4);
    expect(learningRate(500, s)).toBe(1e-4);
  });
});

describe('crossEntropy', () => {
  it('is log V for uniform logits and skips positions not scored', () => {
    const logits = new Float32Array(2 * 3); // (T=2, V=3), all zero
    const d = new Float32Array(6);
    expect(crossEntropy(logits, [-1, 2], d, 1)).toBeCloseTo(Math.log(3), 6);
    expect([...d.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(d[5]).toBeCloseTo(1 / 3 - 1, 6);
  });

  it('has the gradient finite differences give, on scored rows only (rel. error < 1e-7)', () => {
    const [T, V] = [4, 5];
    const logits = randomF64(T * V, 21, 2); // (T, V)
    const targets = [3, NOT_SCORED, 0, 4];
    const scale = 1 / 3;
    const analytic = new Float64Array(T * V);
    crossEntropy(logits, targets, analytic, scale);
    const numeric = numericGrad(() => scale * crossEntropy(logits, targets), logits);
    const err = relError(analytic, numeric);
    console.log('cross-entropy grad rel. error', err);
    expect(err).toBeLessThan(1e-7);
    expect([...analytic.subarray(V, 2 * V)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejects a target outside the vocabulary', () => {
    expect(() => crossEntropy(new Float32Array(3), [3])).toThrow(/target 3 at position 0/);
  });
});
