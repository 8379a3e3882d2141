/**
 * Golden test: every recorded tensor against PyTorch (minGPT gpt-nano on sorting).
 *
 * Dimension legend: B = 3 inputs, T = 11 tokens, C = 48, nh = 3 heads, hs = 16, V = 3.
 * Partials are stored (B, ...); q, k, v and att per head as (B, nh, T, ...).
 */
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_DIR,
  hasReference,
  loadReferenceModel,
  loadReferencePartials,
  type RefTensor,
} from '../bench/reference.ts';
import { getStep } from '../trace.ts';
import { forward } from './gpt.ts';
import { buildModel } from './weights.ts';

/** Largest absolute difference allowed between our float32 pass and PyTorch's. */
const TOLERANCE = 1e-5;

/** Partial name -> trace step name, and whether it is stored per head (B, nh, T, X). */
const MAPPING: [string, string, boolean][] = [
  ['tok_emb', 'hook_embed', false],
  ['pos_emb', 'hook_pos_embed', false],
  ['x', 'blocks.0.hook_resid_pre', false],
  ['ln1', 'blocks.0.ln1.hook_out', false],
  ['qkv', 'blocks.0.attn.hook_qkv', false],
  ['q', 'blocks.0.attn.hook_q', true],
  ['k', 'blocks.0.attn.hook_k', true],
  ['v', 'blocks.0.attn.hook_v', true],
  ['att', 'blocks.0.attn.hook_attn_scores', false],
  ['attSm', 'blocks.0.attn.hook_pattern', false],
  ['y', 'blocks.0.attn.hook_z', false],
  ['yProj', 'blocks.0.hook_attn_out', false],
  ['attnResid', 'blocks.0.hook_resid_mid', false],
  ['ln2', 'blocks.0.ln2.hook_out', false],
  ['fc', 'blocks.0.mlp.hook_pre', false],
  ['gelu', 'blocks.0.mlp.hook_post', false],
  ['mlp', 'blocks.0.hook_mlp_out', false],
  ['mlpResid', 'blocks.0.hook_resid_post', false],
  ['block0', 'blocks.0.hook_resid_post', false],
  ['block1', 'blocks.1.hook_resid_post', false],
  ['block2', 'blocks.2.hook_resid_post', false],
  ['ln_f', 'ln_final.hook_out', false],
  ['lm_head', 'hook_logits', false],
  ['probs', 'hook_probs', false],
];

/** Row b of a (B, ...) partial, with (nh, T, X) per-head layouts transposed to (T, nh, X). */
function rowOf(ref: RefTensor, b: number, perHead: boolean): Float32Array {
  // pos_emb is stored once, (1, T, C), for every input.
  const size = ref.data.length / ref.shape[0];
  const start = ref.shape[0] === 1 ? 0 : b * size;
  const row = ref.data.subarray(start, start + size);
  if (!perHead) return row;
  const [, nh, T, X] = ref.shape;
  const out = new Float32Array(size); // (T, nh, X)
  for (let h = 0; h < nh; h++) {
    for (let t = 0; t < T; t++) {
      for (let x = 0; x < X; x++) out[(t * nh + h) * X + x] = row[(h * T + t) * X + x];
    }
  }
  return out;
}

const run = hasReference() ? describe : describe.skip;
if (!hasReference()) {
  console.log(`golden test skipped: no PyTorch reference at ${REFERENCE_DIR}`);
}

run('forward pass against PyTorch (minGPT sort model)', () => {
  it('matches every recorded partial within 1e-5 on the three reference inputs', () => {
    const { config, tensors } = loadReferenceModel();
    const model = buildModel(config, tensors);
    const partials = loadReferencePartials();
    const idx = partials.get('idx')!;
    const [B, T] = idx.shape;
    const maxDiff = new Map<string, number>(MAPPING.map(([p]) => [p, 0]));

    for (let b = 0; b < B; b++) {
      const ids = Array.from(idx.data.subarray(b * T, (b + 1) * T));
      const { trace } = forward(model, ids);
      for (const [pName, stepName, perHead] of MAPPING) {
        const want = rowOf(partials.get(pName)!, b, perHead);
        const got = getStep(trace, stepName).output.data;
        expect(got.length).toBe(want.length);
        let worst = maxDiff.get(pName)!;
        for (let i = 0; i < want.length; i++) {
          if (want[i] === -Infinity || got[i] === -Infinity) {
            expect(got[i]).toBe(want[i]); // masked entries: -inf in both
            continue;
          }
          worst = Math.max(worst, Math.abs(got[i] - want[i]));
        }
        maxDiff.set(pName, worst);
      }
    }

    console.table(
      MAPPING.map(([p, s]) => ({
        partial: p,
        step: s,
        maxAbsDiff: maxDiff.get(p)!.toExponential(2),
      })),
    );
    for (const [p] of MAPPING) expect(maxDiff.get(p), p).toBeLessThanOrEqual(TOLERANCE);
  });
});
