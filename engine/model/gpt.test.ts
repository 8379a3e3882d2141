import { describe, expect, it } from 'vitest';
import { InputError, WeightError } from '../errors.ts';
import { getStep } from '../trace.ts';
import { makeConfig } from './config.ts';
import { forward } from './gpt.ts';
import { randomModel } from './weights.ts';

const config = makeConfig({ vocabSize: 7, blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 });
const model = randomModel(config, 42);

describe('forward input checks', () => {
  it('rejects an empty input', () => {
    expect(() => forward(model, [])).toThrow(InputError);
    expect(() => forward(model, [])).toThrow(/no tokens/);
  });

  it('names an out-of-vocabulary id, its position and the allowed range', () => {
    expect(() => forward(model, [1, 2, 7])).toThrow(InputError);
    expect(() => forward(model, [1, 2, 7])).toThrow(
      'token id 7 at position 2 is not allowed: ids are integers from 0 to 6',
    );
    expect(() => forward(model, [-1])).toThrow(/token id -1 at position 0/);
  });

  it('rejects non-integer ids', () => {
    expect(() => forward(model, [0, 1.5])).toThrow(/token id 1.5 at position 1/);
    expect(() => forward(model, [NaN])).toThrow(/token id NaN at position 0/);
  });

  it('runs typed arrays of ids like plain arrays', () => {
    const plain = forward(model, [0, 1, 2]);
    const typed = forward(model, Int32Array.of(0, 1, 2));
    expect(typed.logits.data).toEqual(plain.logits.data);
    expect(typed.trace.tokens).toEqual([0, 1, 2]);
  });

  it('says an id is a string, not a number', () => {
    const ids = ['1'] as unknown as number[];
    expect(() => forward(model, ids)).toThrow(InputError);
    expect(() => forward(model, ids)).toThrow(
      'token id "1" at position 0 is a string, not a number: ids are integers from 0 to 6',
    );
  });

  it('says token ids must be an array of integers when they are not', () => {
    const text = '012' as unknown as number[];
    expect(() => forward(model, text)).toThrow(
      'token ids must be an array of integers, got a string',
    );
  });

  it('rejects a missing model with an InputError, not a TypeError', () => {
    const none = null as unknown as typeof model;
    expect(() => forward(none, [0])).toThrow(InputError);
    expect(() => forward(none, [0])).toThrow(/^no model: got null; build one with buildModel/);
  });

  it('rejects more tokens than blockSize', () => {
    expect(() => forward(model, [0, 1, 2, 3, 4, 5, 6])).toThrow(
      "7 tokens is more than the model's context of 6 (blockSize)",
    );
  });
});

describe('forward', () => {
  it('returns logits and probs (pos, vocab) whose rows sum to 1, shared with the trace', () => {
    const { logits, probs, trace } = forward(model, [3, 1, 4, 1]);
    expect(logits.shape).toEqual([4, 7]);
    expect(probs.axes).toEqual(['pos', 'vocab']);
    for (let t = 0; t < 4; t++) {
      const row = probs.data.subarray(t * 7, (t + 1) * 7);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
    expect(getStep(trace, 'hook_logits').output).toBe(logits);
    expect(trace.tokens).toEqual([3, 1, 4, 1]);
  });

  it('is causal: a later token does not change earlier positions', () => {
    const a = forward(model, [3, 1, 4, 1]).logits.data;
    const b = forward(model, [3, 1, 4, 5]).logits.data;
    expect(Array.from(b.subarray(0, 3 * 7))).toEqual(Array.from(a.subarray(0, 3 * 7)));
    expect(Array.from(b.subarray(21))).not.toEqual(Array.from(a.subarray(21)));
  });

  it('keeps the residual stream as the sum of its parts', () => {
    const { trace } = forward(model, [0, 6, 2]);
    const pre = getStep(trace, 'blocks.0.hook_resid_post');
    const mid = getStep(trace, 'blocks.1.hook_resid_mid').output.data;
    const attn = getStep(trace, 'blocks.1.hook_attn_out').output.data;
    for (let i = 0; i < mid.length; i++) {
      expect(mid[i]).toBeCloseTo(pre.output.data[i] + attn[i], 6);
    }
  });

  it('matches exact GELU to the tanh variant closely but not bit for bit', () => {
    const exact = randomModel({ ...config, activation: 'gelu' }, 42);
    const a = getStep(forward(exact, [1, 2]).trace, 'blocks.0.mlp.hook_post').output.data;
    const b = getStep(forward(model, [1, 2]).trace, 'blocks.0.mlp.hook_post').output.data;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-3);
  });

  it('reports logits that overflow instead of returning NaN', () => {
    const huge = randomModel(config, 1);
    // ln_f outputs xhat + 1, whose 8 entries sum to 8: each logit is 8 * 3e38, beyond float32.
    huge.weights.get('transformer.ln_f.bias')!.data.fill(1);
    huge.weights.get('lm_head.weight')!.data.fill(3e38);
    expect(() => forward(huge, [0, 1])).toThrow(WeightError);
    expect(() => forward(huge, [0, 1])).toThrow(/overflowed/);
  });

  it('reports a NaN weight met on the way instead of answering around it', () => {
    // A NaN in one query weight reaches every score row of its head, then the logits
    const broken = randomModel(config, 2);
    broken.weights.get('transformer.h.0.attn.c_attn.weight')!.data[0] = NaN;
    expect(() => forward(broken, [0, 1])).toThrow(WeightError);
    expect(() => forward(broken, [0, 1])).toThrow(/produced NaN/);
  });
});
