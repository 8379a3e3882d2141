import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import { makeRng } from '../../random.ts';
import { NOT_SCORED } from '../loss.ts';
import { isTaskName, makeExample, promptsOf, samplePrompt, TASKS } from './index.ts';

const { sort, reverse } = TASKS;

describe('sort task', () => {
  it('parses letters, ignoring spaces and case', () => {
    expect(sort.parseInput(' ca bB ca')).toEqual([2, 0, 1, 1, 2, 0]);
  });

  it('names the letter that is not allowed', () => {
    expect(() => sort.parseInput('ABDABC')).toThrow(InputError);
    expect(() => sort.parseInput('ABD')).toThrow(
      "Type exactly 6 letters, each A, B or C (got 'ABD': 'D' is not allowed)",
    );
  });

  it('says how many letters it got when the length is wrong', () => {
    expect(() => sort.parseInput('ABCA')).toThrow(
      "Type exactly 6 letters, each A, B or C (got 'ABCA': 4 letters)",
    );
    expect(() => sort.parseInput('  ')).toThrow('(got nothing)');
  });

  it('expects the sorted letters and checks answers', () => {
    const p = sort.parseInput('CABBCA');
    expect(sort.format(sort.expected(p))).toBe('AABBCC');
    expect(sort.check(p, [0, 0, 1, 1, 2, 2])).toBe(true);
    expect(sort.check(p, [0, 0, 1, 2, 2, 2])).toBe(false);
  });

  it('builds a training example scored on the answer positions only', () => {
    const ex = makeExample(sort, [2, 0, 1, 1, 2, 0]);
    expect(ex.input).toEqual([2, 0, 1, 1, 2, 0, 0, 0, 1, 1, 2]);
    const S = NOT_SCORED;
    expect(ex.targets).toEqual([S, S, S, S, S, 0, 0, 1, 1, 2, 2]);
    expect(ex.input.length).toBe(sort.blockSize);
  });

  it('enumerates all 729 prompts and holds out about a tenth of them', () => {
    const all = promptsOf(sort, 'all');
    expect(all.length).toBe(729);
    expect(new Set(all.map((p) => p.join())).size).toBe(729);
    const held = promptsOf(sort, 'heldout').length;
    expect(held + promptsOf(sort, 'train').length).toBe(729);
    expect(held).toBeGreaterThan(40);
    expect(held).toBeLessThan(110);
  });
});

describe('reverse task', () => {
  it('parses digits and names a character that is not a digit', () => {
    expect(reverse.parseInput('207318')).toEqual([2, 0, 7, 3, 1, 8]);
    expect(() => reverse.parseInput('20x318')).toThrow(
      "Type exactly 6 digits, each 0 to 9 (got '20X318': 'X' is not allowed)",
    );
    expect(() => reverse.parseInput('1')).toThrow("(got '1': 1 digit)");
  });

  it('expects the digits reversed', () => {
    expect(reverse.format(reverse.expected(reverse.parseInput('207318')))).toBe('813702');
  });

  it('samples training prompts that are never held out, and held-out ones that are', () => {
    const rng = makeRng(7);
    for (let i = 0; i < 200; i++) {
      expect(reverse.isHeldOut(samplePrompt(reverse, rng, 'train'))).toBe(false);
      expect(reverse.isHeldOut(samplePrompt(reverse, rng, 'heldout'))).toBe(true);
    }
  });

  it('holds out close to 10% of the first 10,000 prompts', () => {
    let held = 0;
    for (let i = 0; i < 10000; i++) if (reverse.isHeldOut(reverse.promptAt(i))) held++;
    expect(held / 10000).toBeGreaterThan(0.08);
    expect(held / 10000).toBeLessThan(0.12);
  });
});

describe('TASKS registry', () => {
  it('keys every task by its name', () => {
    for (const [key, task] of Object.entries(TASKS)) expect(task.name).toBe(key);
    expect(isTaskName('sort')).toBe(true);
    expect(isTaskName('toString')).toBe(false);
  });
});
