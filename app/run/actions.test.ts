import { describe, expect, it, vi } from 'vitest';
import { makeConfig } from '../../engine/model/config.ts';
import { randomModel } from '../../engine/model/weights.ts';
import { useStore } from '../store/index.ts';
import { chooseModel } from './actions.ts';
import type { LoadedModel } from './session.ts';
import { runSession, viewOf } from './session.ts';

/** A small random model with `nLayer` layers, standing in for a shipped one. */
function tiny(id: string, nLayer: number): LoadedModel {
  const config = makeConfig({ vocabSize: 4, blockSize: 6, nLayer, nHead: 2, nEmbd: 8 });
  const vocab = ['#0', '#1', '#2', '#3'];
  const model = randomModel(config, 1);
  return { id, name: id, model, vocab, task: null, exampleInput: '0 1 2' };
}

const MODELS: Record<string, LoadedModel> = { two: tiny('two', 2), three: tiny('three', 3) };

vi.mock('./load.ts', () => ({
  loadModel: (_base: string, id: string) => Promise.resolve(MODELS[id]),
  modelIndex: () => Promise.resolve({ models: [], default: 'two' }),
}));

describe('switching models', () => {
  it('changes run and step count in one update, from 2 layers to 3 and back', async () => {
    const first = runSession(MODELS.two, MODELS.two.exampleInput);
    const run = viewOf(first, first.passes.length - 1);
    useStore.setState({ run, stepCount: run.trace.steps.length, step: 0 });

    // Every update that shows a new run must already hold its step count and a step inside it
    const seen: string[] = [];
    const stop = useStore.subscribe((s, prev) => {
      if (s.run === prev.run || !s.run) return;
      const n = s.run.trace.steps.length;
      if (s.stepCount !== n || s.step >= n) seen.push(`${s.run.modelId}: ${s.step}/${s.stepCount}`);
    });
    await chooseModel('three');
    expect(useStore.getState().run?.modelId).toBe('three');
    expect(useStore.getState().step).toBe(useStore.getState().stepCount - 1);
    await chooseModel('two');
    stop();
    expect(seen).toEqual([]);
    expect(useStore.getState().inputError).toBeNull();
  });
});
