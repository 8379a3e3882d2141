import { describe, expect, it } from 'vitest';
import { readUrl, writeUrl } from './url.ts';

describe('URL state', () => {
  it('round-trips model, input, generation step, timeline step and selection', () => {
    const state = {
      model: 'sort',
      input: 'CABBCA',
      gen: 3,
      step: 'blocks.1.attn.hook_pattern',
      select: 'transformer.h.0.attn.c_attn.weight',
    };
    const search = writeUrl(state);
    expect(search).toBe(
      '?model=sort&input=CABBCA&gen=3&step=blocks.1.attn.hook_pattern&select=transformer.h.0.attn.c_attn.weight',
    );
    expect(readUrl(search)).toEqual(state);
  });

  it('reads missing or malformed parameters as null', () => {
    expect(readUrl('?gen=0&input=')).toEqual({
      model: null,
      input: null,
      gen: null,
      badGen: '0',
      step: null,
      select: null,
    });
    expect(readUrl('?gen=2.5').gen).toBeNull();
    // A malformed generation step is kept aside, so that the page can say it was not shown
    expect(readUrl('?gen=2.5').badGen).toBe('2.5');
    expect(readUrl('?gen=3').badGen).toBeUndefined();
    expect(writeUrl({ model: null, input: null, gen: null, step: null, select: null })).toBe('');
  });

  it('keeps token ids with spaces readable', () => {
    const search = writeUrl({
      model: 'random-gpt2',
      input: '1 2 3',
      gen: 1,
      step: null,
      select: null,
    });
    expect(readUrl(search).input).toBe('1 2 3');
  });
});
