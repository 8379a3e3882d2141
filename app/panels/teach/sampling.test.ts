import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../engine/random.ts';
import {
  MAX_SEED,
  nextSeed,
  parseSeed,
  pickIndex,
  sampleToken,
  temperatureProbs,
  topIndices,
} from './sampling.ts';

describe('temperatureProbs', () => {
  const logits = [2, 1, 0, -1];

  it('is the plain softmax at temperature 1', () => {
    const z = logits.reduce((s, l) => s + Math.exp(l), 0);
    const p = temperatureProbs(logits, 1, 0);
    logits.forEach((l, i) => expect(p[i]).toBeCloseTo(Math.exp(l) / z, 12));
  });

  it('divides the logits by the temperature', () => {
    const p = temperatureProbs(logits, 0.5, 0);
    const z = logits.reduce((s, l) => s + Math.exp(l / 0.5), 0);
    expect(p[0]).toBeCloseTo(Math.exp(4) / z, 12);
    expect(p[0]).toBeGreaterThan(temperatureProbs(logits, 1, 0)[0]);
  });

  it('flattens towards uniform at high temperature', () => {
    const p = temperatureProbs(logits, 1000, 0);
    for (const x of p) expect(x).toBeCloseTo(0.25, 2);
  });

  it('keeps only the top-k logits and renormalizes', () => {
    const p = temperatureProbs(logits, 1, 2);
    expect(p[2]).toBe(0);
    expect(p[3]).toBe(0);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(p[0] / p[1]).toBeCloseTo(Math.E, 10);
  });

  it('keeps ties with the k-th logit', () => {
    const p = temperatureProbs([3, 1, 1, 0], 1, 2);
    expect(p[1]).toBeGreaterThan(0);
    expect(p[2]).toBeCloseTo(p[1], 12);
    expect(p[3]).toBe(0);
  });

  it('rejects a temperature of zero', () => {
    expect(() => temperatureProbs(logits, 0, 0)).toThrow(/temperature/);
  });
});

describe('sampling', () => {
  it('picks where the running total first passes u', () => {
    const probs = [0.2, 0, 0.5, 0.3];
    expect(pickIndex(probs, 0)).toBe(0);
    expect(pickIndex(probs, 0.19)).toBe(0);
    expect(pickIndex(probs, 0.2)).toBe(2);
    expect(pickIndex(probs, 0.69)).toBe(2);
    expect(pickIndex(probs, 0.71)).toBe(3);
    expect(pickIndex(probs, 0.9999999)).toBe(3);
  });

  it('draws the same token for the same seed, using the seeded uniform', () => {
    const probs = [0.25, 0.25, 0.25, 0.25];
    const u = makeRng(7).uniform();
    expect(sampleToken(probs, 7)).toBe(Math.floor(u * 4));
    expect(sampleToken(probs, 7)).toBe(sampleToken(probs, 7));
  });

  it('never draws a token of probability zero', () => {
    const probs = [0, 1, 0];
    for (let seed = 0; seed < 20; seed++) expect(sampleToken(probs, seed)).toBe(1);
  });

  it('lists the largest probabilities first', () => {
    expect(topIndices([0.1, 0.6, 0.3], 2)).toEqual([1, 2]);
  });
});

describe('a typed seed', () => {
  it('takes whole numbers from 0 to 2^32 - 1', () => {
    expect(MAX_SEED).toBe(2 ** 32 - 1);
    expect(parseSeed('0')).toEqual({ seed: 0 });
    expect(parseSeed(' 42 ')).toEqual({ seed: 42 });
    expect(parseSeed('007')).toEqual({ seed: 7 });
    expect(parseSeed('4294967295')).toEqual({ seed: 4294967295 });
  });

  it('refuses a seed above 2^32 - 1 instead of wrapping it', () => {
    expect(parseSeed('4294967296')).toEqual({ problem: 'tooLarge' });
    expect(parseSeed('99999999999999999999')).toEqual({ problem: 'tooLarge' });
  });

  it('refuses negatives, fractions and anything not written in digits', () => {
    expect(parseSeed('-1')).toEqual({ problem: 'negative' });
    expect(parseSeed('1.5')).toEqual({ problem: 'notWhole' });
    expect(parseSeed('4294967294.9999999999')).toEqual({ problem: 'notWhole' });
    expect(parseSeed('0x10')).toEqual({ problem: 'notWhole' });
    expect(parseSeed('1e3')).toEqual({ problem: 'notWhole' });
    expect(parseSeed('abc')).toEqual({ problem: 'notWhole' });
    expect(parseSeed('  ')).toEqual({ problem: 'empty' });
  });

  it('draws with the next seed, going round to 0 after the largest', () => {
    expect(nextSeed(41)).toBe(42);
    expect(nextSeed(MAX_SEED)).toBe(0);
  });
});
