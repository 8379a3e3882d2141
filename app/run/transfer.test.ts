import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../engine/model/config.ts';
import { LM_HEAD, randomModel, WTE } from '../../engine/model/weights.ts';
import { TASKS } from '../../engine/train/tasks/index.ts';
import { generateFor, runSession, sessionOf, type LoadedModel } from './session.ts';
import { packModel, passBuffers, unpackModel } from './transfer.ts';

/** A small random model with a tied LM head, given the sort task so that it parses letters. */
function tiedSortModel(): LoadedModel {
  const task = TASKS.sort;
  const config = makeConfig({
    vocabSize: task.vocab.length,
    blockSize: 12,
    nLayer: 2,
    nHead: 2,
    nEmbd: 8,
    tiedLmHead: true,
  });
  const model = randomModel(config, 3);
  return { id: 'tied', name: 'tied', model, vocab: task.vocab, task, exampleInput: 'CABBCA' };
}

describe('a model crossing to the page', () => {
  it('arrives as a transferred copy, with its task, the tied head sharing one copy', () => {
    const loaded = tiedSortModel();
    const { value, transfer } = packModel(loaded);
    expect(transfer).toHaveLength(loaded.model.weights.size - 1);
    const got = unpackModel(structuredClone(value, { transfer }));

    expect(got.task).toBe(TASKS.sort);
    expect(got.model.weights.get(LM_HEAD)).toBe(got.model.weights.get(WTE));
    for (const [name, w] of loaded.model.weights) {
      expect(Array.from(got.model.weights.get(name)!.data)).toEqual(Array.from(w.data));
    }
    // The sender's copies moved; its own weights stay whole
    expect(transfer.every((b) => b.byteLength === 0)).toBe(true);
    expect(loaded.model.weights.get(WTE)!.data.length).toBe(loaded.vocab.length * 8);
  });
});

describe('a run crossing to the page', () => {
  it('transfers each pass buffer once, never a weight, and reads as the same session', () => {
    const loaded = tiedSortModel();
    const generated = generateFor(loaded, 'ccbaab');
    const buffers = passBuffers(generated.passes, loaded.model);
    const weightBuffers = [...loaded.model.weights.values()].map((w) => w.data.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers.some((b) => weightBuffers.includes(b))).toBe(false);
    const expected = runSession(loaded, 'ccbaab');

    const got = sessionOf(loaded, structuredClone(generated, { transfer: buffers }));
    expect(got.input).toBe('CCBAAB');
    expect(got.answer).toEqual(expected.answer);
    expect(got.passes).toHaveLength(6);
    const probs = got.passes[5].trace.steps.at(-1)!.output.data;
    expect(Array.from(probs)).toEqual(Array.from(expected.passes[5].probs.data));
    expect(weightBuffers.every((b) => b.byteLength > 0)).toBe(true);
  });
});
