import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { makeConfig, PRESETS } from './model/config.ts';
import { sizing } from './sizing.ts';
import { numel } from './tensor.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = path.resolve(repoRoot, '../shared/reference/mingpt-sort');
const modelJson = path.join(referenceDir, 'model.json');
const hasReference = existsSync(modelJson);
if (!hasReference) console.warn(`sizing.test: skipping the reference check, no ${modelJson}`);

/** GPT-2 small as nanoGPT's transformer_sizing notebook sizes it: no biases, tied head. */
const gpt2NoBias = { ...PRESETS.gpt2, bias: false };

describe('sizing: parameters', () => {
  it('counts 124,337,664 parameters for GPT-2 small without biases', () => {
    const p = sizing(gpt2NoBias).params;
    expect(p.total.count).toBe(124_337_664);
    expect(p.block.count).toBe(7_079_424);
    expect(p.wte.count).toBe(50257 * 768);
    expect(p.wpe.count).toBe(1024 * 768);
    expect(p.lnF.count).toBe(768);
    expect(p.lmHead.count).toBe(0);
  });

  it('counts 124,439,808 parameters for GPT-2 small with biases', () => {
    expect(sizing(PRESETS.gpt2).params.total.count).toBe(124_439_808);
  });

  it('splits a block into its layers', () => {
    const p = sizing(PRESETS.mingptSort).params;
    expect(p.ln1.count).toBe(96);
    expect(p.attnCAttn.count).toBe(48 * 144 + 144);
    expect(p.attnCProj.count).toBe(48 * 48 + 48);
    expect(p.mlpCFc.count).toBe(48 * 192 + 192);
    expect(p.mlpCProj.count).toBe(192 * 48 + 48);
    expect(p.attn.count).toBe(p.attnCAttn.count + p.attnCProj.count);
    expect(p.mlp.count).toBe(p.mlpCFc.count + p.mlpCProj.count);
    expect(p.block.count).toBe(28_272);
    expect(p.blocks.count).toBe(3 * 28_272);
  });

  it('counts 85,728 parameters for the minGPT sort model with an untied head', () => {
    const p = sizing(PRESETS.mingptSort).params;
    expect(p.lmHead.count).toBe(3 * 48);
    expect(p.total.count).toBe(85_728);
  });

  it.skipIf(!hasReference)(
    'matches the floats of the PyTorch reference minus its mask buffers',
    () => {
      const state = JSON.parse(readFileSync(modelJson, 'utf8')) as Record<
        string,
        { shape?: number[] }
      >;
      let all = 0;
      let masks = 0;
      for (const [name, entry] of Object.entries(state)) {
        if (name === 'config' || !entry.shape) continue;
        all += numel(entry.shape);
        if (name.endsWith('.attn.bias')) masks += numel(entry.shape);
      }
      expect(all).toBe(86_091);
      expect(masks).toBe(363);
      expect(sizing(PRESETS.mingptSort).params.total.count).toBe(all - masks);
    },
  );

  it('has no position parameters with sinusoidal encoding', () => {
    const learned = sizing(PRESETS.mingptSort).params;
    const sinusoidal = sizing({ ...PRESETS.mingptSort, posEncoding: 'sinusoidal' }).params;
    expect(sinusoidal.wpe.count).toBe(0);
    expect(learned.total.count - sinusoidal.total.count).toBe(11 * 48);
  });

  it('gives shares of the total that add up to one', () => {
    const p = sizing(PRESETS.gpt2).params;
    const parts = p.wte.share + p.wpe.share + p.blocks.share + p.lnF.share + p.lmHead.share;
    expect(parts).toBeCloseTo(1, 12);
    expect(p.total.share).toBe(1);
    expect(p.wte.share).toBeCloseTo((50257 * 768) / 124_439_808, 12);
  });
});

describe('sizing: FLOPs', () => {
  it('costs 291,648,307,200 FLOPs for one GPT-2 small forward pass over 1024 tokens', () => {
    const f = sizing(gpt2NoBias).flops;
    expect(f.attn.count).toBe(8_053_063_680);
    expect(f.mlp.count).toBe(9_663_676_416);
    expect(f.lmHead.count).toBe(79_047_426_048);
    expect(f.forward.count).toBe(291_648_307_200);
    expect(f.backward.count).toBe(2 * 291_648_307_200);
    expect(f.total.count).toBe(3 * 291_648_307_200);
  });

  it('splits attention into kqv, scores, reduce and projection', () => {
    const f = sizing(PRESETS.gpt2).flops;
    expect(f.attnKqv.count).toBe(2 * 1024 * 768 * 3 * 768);
    expect(f.attnScores.count).toBe(2 * 1024 * 1024 * 768);
    expect(f.attnReduce.count).toBe(2 * 12 * 1024 * 1024 * 64);
    expect(f.attnProj.count).toBe(2 * 1024 * 768 * 768);
    expect(f.mlpFfw1.count).toBe(f.mlpFfw2.count);
  });

  it('does not count biases or tying in the FLOPs', () => {
    expect(sizing(PRESETS.gpt2).flops.forward.count).toBe(291_648_307_200);
    const untied = { ...PRESETS.gpt2, tiedLmHead: false };
    expect(sizing(untied).flops.lmHead.count).toBe(79_047_426_048);
  });

  it('scales with the number of tokens', () => {
    const f = sizing(PRESETS.mingptSort, 5).flops;
    const C = 48;
    const expectedBlock =
      2 * 5 * C * 3 * C + 2 * 2 * 5 * 5 * C + 2 * 5 * C * C + 2 * 2 * 5 * C * 4 * C;
    expect(f.block.count).toBe(expectedBlock);
    expect(f.forward.count).toBe(3 * expectedBlock + 2 * 5 * C * 3);
    expect(f.forward.share).toBe(1);
  });

  it('rejects a token count outside 1..blockSize', () => {
    expect(() => sizing(PRESETS.mingptSort, 12)).toThrow(InputError);
    expect(() => sizing(PRESETS.mingptSort, 0)).toThrow(
      'sizing: nTokens must be an integer from 1 to blockSize 11, got 0',
    );
    expect(() => sizing(makeConfig({ ...PRESETS.gpt2 }), 2.5)).toThrow(InputError);
  });

  it('labels every item for a table', () => {
    const s = sizing(PRESETS.mingptSort);
    for (const item of [...Object.values(s.params), ...Object.values(s.flops)]) {
      expect(item.label.length).toBeGreaterThan(0);
    }
    expect(s.params.lmHead.label).toBe('LM head (lm_head)');
    expect(sizing(PRESETS.gpt2).params.lmHead.label).toBe('LM head (tied to wte)');
  });
});
