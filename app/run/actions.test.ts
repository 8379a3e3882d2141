import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeConfig } from '../../engine/model/config.ts';
import { randomModel } from '../../engine/model/weights.ts';
import { TASKS } from '../../engine/train/tasks/index.ts';
import { useStore } from '../store/index.ts';
import { chooseGeneration, chooseModel, submitInput } from './actions.ts';
import type { LoadedModel } from './session.ts';
import { runSession, viewOf } from './session.ts';

/** A small random model with `nLayer` layers, standing in for a shipped one. */
function tiny(id: string, nLayer: number): LoadedModel {
  const config = makeConfig({ vocabSize: 4, blockSize: 6, nLayer, nHead: 2, nEmbd: 8 });
  const vocab = ['#0', '#1', '#2', '#3'];
  const model = randomModel(config, 1);
  return { id, name: id, model, vocab, task: null, exampleInput: '0 1 2' };
}

/** A small random model for the sort task, so that a run has several generation steps. */
function sorter(): LoadedModel {
  const task = TASKS.sort;
  const config = makeConfig({
    vocabSize: task.vocab.length,
    blockSize: task.blockSize,
    nLayer: 1,
    nHead: 2,
    nEmbd: 8,
  });
  const model = randomModel(config, 2);
  return { id: 'sorter', name: 'sorter', model, vocab: task.vocab, task, exampleInput: 'ABCABC' };
}

const MODELS: Record<string, LoadedModel> = {
  two: tiny('two', 2),
  three: tiny('three', 3),
  sorter: sorter(),
};

/** Holds each run's result at a gate until the test lets it through, in an order it picks. */
const gate = vi.hoisted(() => ({ hold: false, open: [] as Array<() => void> }));

vi.mock('./engine.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./engine.ts')>();
  return {
    ...real,
    runOnEngine: async (...args: Parameters<typeof real.runOnEngine>) => {
      // Computed (or refused) at once; handed back when the gate opens
      const result = await real.runOnEngine(...args).then(
        (session) => () => session,
        (e: unknown) => () => {
          throw e;
        },
      );
      if (gate.hold) await new Promise<void>((resolve) => gate.open.push(resolve));
      return result();
    },
  };
});

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

afterEach(() => {
  gate.hold = false;
  for (const open of gate.open.splice(0)) open();
});

describe('typing while a run computes', () => {
  /** Shows the example of model `two` and records the input of every run shown after it. */
  function start(): { seen: string[]; stop: () => void } {
    const first = runSession(MODELS.two, MODELS.two.exampleInput);
    const run = viewOf(first, 0);
    useStore.setState({ run, stepCount: run.trace.steps.length, inputError: null });
    const seen: string[] = [];
    const stop = useStore.subscribe((s, prev) => {
      if (s.run && s.run !== prev.run) seen.push(s.run.session.input);
    });
    return { seen, stop };
  }

  /** Submits two inputs, the newer typed once the older is computed and held at the gate. */
  async function overlapping(older: string, newer: string) {
    gate.hold = true;
    const first = submitInput(older);
    await vi.waitFor(() => expect(gate.open).toHaveLength(1));
    const second = submitInput(newer);
    await vi.waitFor(() => expect(gate.open).toHaveLength(2));
    /** Lets the next held run return, and waits for its outcome. */
    const release = (run: Promise<boolean>) => {
      gate.open.shift()!();
      return run;
    };
    return { older: () => release(first), newer: () => release(second) };
  }

  it('shows the newest input even when an older run returns after it', async () => {
    const { seen, stop } = start();
    const runs = await overlapping('1 1', '2 3');
    expect(useStore.getState().pending).toEqual({ modelId: 'two', input: '2 3' });
    expect(await runs.older()).toBe(false); // the older run returns first
    expect(await runs.newer()).toBe(true);
    stop();
    expect(seen).toEqual(['2 3']);
    expect(useStore.getState().pending).toBeNull();
  });

  it('keeps the run shown and the reason for refused input, unless a newer input replaced it', async () => {
    const { seen, stop } = start();
    expect(await submitInput('0 9')).toBe(false);
    expect(useStore.getState().inputError).toMatch(/token id 9 at position 1 is not allowed/);
    expect(seen).toEqual([]);
    useStore.getState().setInputError(null); // as editing the box does

    const runs = await overlapping('0 9', '3 2');
    expect(await runs.older()).toBe(false); // refused after the newer input was typed
    expect(useStore.getState().inputError).toBeNull();
    expect(await runs.newer()).toBe(true);
    stop();
    expect(seen).toEqual(['3 2']);
    expect(useStore.getState().inputError).toBeNull();
  });
});

describe('a refused input', () => {
  it('keeps its reason while another generation step of the same run is shown', async () => {
    await chooseModel('sorter');
    expect(useStore.getState().run!.session.passes.length).toBe(6);
    expect(await submitInput('ABCD')).toBe(false);
    const reason = useStore.getState().inputError;
    expect(reason).not.toBeNull();
    chooseGeneration(0);
    expect(useStore.getState().run!.gen).toBe(0);
    expect(useStore.getState().inputError).toBe(reason);
    expect(await submitInput('CCBBAA')).toBe(true); // a new run clears it
    expect(useStore.getState().inputError).toBeNull();
  });
});

describe('runs that a newer request replaced before their turn', () => {
  it('are skipped, never computed', async () => {
    const first = runSession(MODELS.two, MODELS.two.exampleInput);
    useStore.setState({ run: viewOf(first, 0), inputError: null });
    const asked: string[] = [];
    const stop = useStore.subscribe((s, prev) => {
      if (s.run && s.run !== prev.run) asked.push(s.run.session.input);
    });
    const all = [submitInput('0 0'), submitInput('1 1'), submitInput('2 2')];
    expect(await Promise.all(all)).toEqual([false, false, true]);
    stop();
    expect(asked).toEqual(['2 2']);
  });
});
