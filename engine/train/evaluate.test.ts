import { describe, expect, it } from 'vitest';
import { randomModel } from '../model/weights.ts';
import { TRAIN_DEFAULTS } from './defaults.ts';
import { evaluate, evaluateAsync, PROMPTS_PER_TURN } from './evaluate.ts';
import { promptsOf, TASKS } from './tasks/index.ts';
import { taskConfig } from './train.ts';

const task = TASKS.sort;
const settings = {
  ...TRAIN_DEFAULTS.sort,
  model: { ...TRAIN_DEFAULTS.sort.model, nLayer: 1, nHead: 2, nEmbd: 16 },
};
const model = randomModel(taskConfig(task, settings), 3);

describe('evaluateAsync', () => {
  it('reports progress after every chunk of prompts, ending at the prompt count', async () => {
    const prompts = promptsOf(task, 'all').slice(0, 2 * PROMPTS_PER_TURN + 5);
    const done: number[] = [];
    await evaluateAsync(model, task, prompts, (n) => done.push(n));
    expect(done).toEqual([PROMPTS_PER_TURN, 2 * PROMPTS_PER_TURN, 2 * PROMPTS_PER_TURN + 5]);
  });

  it('gives the same loss and accuracy as evaluate, bit for bit', async () => {
    const prompts = promptsOf(task, 'heldout');
    expect(await evaluateAsync(model, task, prompts)).toEqual(evaluate(model, task, prompts));
  });
});
