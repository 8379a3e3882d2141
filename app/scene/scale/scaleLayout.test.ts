import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../engine/model/config.ts';
import { BLOCK_DEPTH, scaleLayout } from './scaleLayout.ts';

const models = [
  { name: 'sort', config: PRESETS.mingptSort },
  { name: 'GPT-2 small', config: PRESETS.gpt2 },
  { name: 'GPT-3', config: PRESETS.gpt3 },
];

describe('scaleLayout', () => {
  const s = scaleLayout(models);

  it('gives one slab per block of every model', () => {
    expect(s.blocks).toHaveLength(3 + 12 + 96);
    expect(s.embeddings).toHaveLength(3);
  });

  it('makes a slab volume proportional to the block weights 12·C²', () => {
    const gpt3 = s.blocks.find((b) => b.model === 2)!;
    const [w, h, d] = gpt3.size;
    expect(w * h * d).toBe(12 * 12288 ** 2);
    expect(d).toBe(BLOCK_DEPTH);
  });

  it('keeps the true ratio of widths between models', () => {
    const width = (m: number) => s.towers[m].box.max[0] - s.towers[m].box.min[0];
    expect(width(2) / width(0)).toBe(12288 / 48);
  });

  it('places towers side by side without overlap, smallest first', () => {
    for (let i = 1; i < s.towers.length; i++) {
      expect(s.towers[i].box.min[0]).toBeGreaterThan(s.towers[i - 1].box.max[0]);
    }
    expect(s.bounds.max[0]).toBe(s.towers[2].box.max[0]);
  });

  it('stacks a model as deep as its layers, one plate behind the other', () => {
    const depth = (m: number) => -s.towers[m].box.min[2];
    expect(depth(2)).toBeGreaterThan(96 * BLOCK_DEPTH);
    expect(depth(1)).toBeGreaterThan(12 * BLOCK_DEPTH);
    expect(depth(1)).toBeLessThan(depth(2) / 4);
    const gpt2 = s.blocks.filter((b) => b.model === 1).map((b) => b.center[2]);
    for (let i = 1; i < gpt2.length; i++) expect(gpt2[i]).toBeLessThan(gpt2[i - 1]);
  });
});
