import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../engine/model/config.ts';
import { sizedModels } from './sizingModels.ts';

describe('sizedModels', () => {
  it('counts GPT-2 small as nanoGPT does: 124,337,664 without biases', () => {
    const gpt2 = sizedModels(PRESETS.mingptSort, 'sort', false).find((m) => m.id === 'gpt2');
    expect(gpt2?.sizing.params.total.count).toBe(124_337_664);
  });

  it('counts GPT-2 small with biases as 124,439,808', () => {
    const gpt2 = sizedModels(PRESETS.mingptSort, 'sort', true).find((m) => m.id === 'gpt2');
    expect(gpt2?.sizing.params.total.count).toBe(124_439_808);
  });

  it('keeps the running model first and as configured', () => {
    const [first, ...rest] = sizedModels(PRESETS.mingptSort, 'sort', false);
    expect(first.name).toBe('sort');
    expect(first.sizing.config.bias).toBe(true);
    expect(rest.map((m) => m.name)).toEqual([
      'GPT-2 small',
      'GPT-2 medium',
      'GPT-2 large',
      'GPT-2 XL',
      'GPT-3 175B',
    ]);
  });
});
