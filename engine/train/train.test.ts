import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, type TrainSettings } from './defaults.ts';
import { TASKS } from './tasks/index.ts';
import { train, type StepReport } from './train.ts';

/** A tiny run: one block, 16 wide, 80 steps of 8 sort sequences (well under a second of math). */
const TINY: TrainSettings = {
  ...TRAIN_DEFAULTS.sort,
  model: { ...TRAIN_DEFAULTS.sort.model, nLayer: 1, nHead: 2, nEmbd: 16 },
  steps: 80,
  batchSize: 8,
  lr: 1e-2,
  minLr: 1e-3,
  warmupSteps: 5,
  evalEvery: 80,
  evalPrompts: 32,
  seed: 5,
};

/** Mean of the step losses in a window. */
const meanLoss = (steps: StepReport[]) => steps.reduce((a, s) => a + s.loss, 0) / steps.length;

describe('train', () => {
  it('lowers the sort loss at least 4x from the first step to the mean of the last 10', async () => {
    const steps: StepReport[] = [];
    const result = await train(TASKS.sort, TINY, { onStep: (s) => steps.push(s) });
    const first = steps[0].loss;
    const last = meanLoss(steps.slice(-10));
    console.log(
      `tiny sort run: loss ${first.toFixed(3)} -> ${last.toFixed(3)} (x${(first / last).toFixed(2)})`,
    );
    expect(first).toBeCloseTo(Math.log(3), 1); // starts at the uniform guess, ln 3 = 1.0986
    expect(first / last).toBeGreaterThan(4); // observed about 8x
    expect(result.evals.length).toBe(1);
    expect(result.evals[0].step).toBe(80);
  });

  it('gives the same weights bit for bit with the same seed, and others with another', async () => {
    const short = { ...TINY, steps: 15, evalEvery: 1000 };
    const a = (await train(TASKS.reverse, short)).model;
    const b = (await train(TASKS.reverse, short)).model;
    const c = (await train(TASKS.reverse, { ...short, seed: 6 })).model;
    for (const [name, w] of a.weights) {
      expect(
        Buffer.from(b.weights.get(name)!.data.buffer).equals(Buffer.from(w.data.buffer)),
        name,
      ).toBe(true);
    }
    const wte = 'transformer.wte.weight';
    expect(c.weights.get(wte)!.data).not.toEqual(a.weights.get(wte)!.data);
  });
});
