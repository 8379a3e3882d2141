import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.ts';
import { loadModelFiles } from '../../engine/io/model-file.ts';
import { TASKS } from '../../engine/train/tasks/index.ts';
import { randomModelOf } from './load.ts';
import { parsePrompt, runSession, viewOf, type LoadedModel } from './session.ts';

const models = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/models');
const shipped = existsSync(path.join(models, 'sort.safetensors'));

function sortModel(): LoadedModel {
  const card = JSON.parse(readFileSync(path.join(models, 'sort.json'), 'utf8')) as unknown;
  const bytes = new Uint8Array(readFileSync(path.join(models, 'sort.safetensors')));
  const { model } = loadModelFiles(card, bytes);
  const task = TASKS.sort;
  return {
    id: 'sort',
    name: 'sort',
    model,
    vocab: task.vocab,
    task,
    exampleInput: task.exampleInput,
  };
}

describe.skipIf(!shipped)('a session of the shipped sort model', () => {
  const loaded = shipped ? sortModel() : (null as never);

  it('generates the sorted input, one forward pass per answer token', () => {
    const s = runSession(loaded, 'ccbaab');
    expect(s.input).toBe('CCBAAB');
    expect(TASKS.sort.format(s.answer)).toBe('AABBCC');
    expect(s.correct).toBe(true);
    expect(s.passes.map((p) => p.trace.tokens.length)).toEqual([6, 7, 8, 9, 10, 11]);
    // pass g reads the prompt and the first g generated tokens
    expect(s.passes[3].trace.tokens).toEqual([...s.prompt, ...s.answer.slice(0, 3)]);
  });

  it('shows a chosen generation step with its own trace and layout', () => {
    const s = runSession(loaded, 'CABBCA');
    const second = viewOf(s, 1);
    expect(second.gen).toBe(1);
    expect(second.trace).toBe(s.passes[1].trace);
    expect(second.layout.byId.get('input_ids')?.shape).toEqual([7]);
    expect(viewOf(s, 99).gen).toBe(5);
    expect(viewOf(s, 1).layout).toBe(second.layout);
  });

  it('refuses input the task does not accept, saying what is allowed', () => {
    expect(() => runSession(loaded, 'ABCD')).toThrow(InputError);
    expect(() => runSession(loaded, 'ABCABX')).toThrow(/Type exactly 6 letters, each A, B or C/);
  });
});

describe('random weights', () => {
  const loaded = randomModelOf('mingptSort');

  it('reads token ids separated by spaces and predicts one token', () => {
    expect(parsePrompt(loaded, '2 0, 1')).toEqual([2, 0, 1]);
    const s = runSession(loaded, loaded.exampleInput);
    expect(s.passes).toHaveLength(1);
    expect(s.answer).toHaveLength(1);
    expect(s.correct).toBeNull();
  });

  it('refuses ids outside the vocabulary and words', () => {
    expect(() => parsePrompt(loaded, '0 3')).toThrow(InputError);
    expect(() => parsePrompt(loaded, '0 x')).toThrow(/not an id/);
    expect(() => parsePrompt(loaded, '0 1 2 0 1 2 0 1 2 0 1 2')).toThrow(/at most 11/);
  });
});
