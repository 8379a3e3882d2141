import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../engine/model/config.ts';
import { forward } from '../../engine/model/gpt.ts';
import { randomModel } from '../../engine/model/weights.ts';
import { sizing } from '../../engine/sizing.ts';
import { getStep } from '../../engine/trace.ts';
import { escapeMarkdown, fillTemplate, formatNumber, type TemplateContext } from './template.ts';

// A small model with two layers and two heads, run on five tokens
const config = makeConfig({ vocabSize: 3, blockSize: 11, nLayer: 2, nHead: 2, nEmbd: 8 });
const tokens = [0, 2, 1, 1, 0];
const vocab = ['A', 'B', 'C'];
const { trace } = forward(randomModel(config, 1), tokens);
const ctx: TemplateContext = {
  trace,
  tokenStrings: tokens.map((t) => vocab[t]),
  selectedToken: 2,
  config,
  vocab,
};

/** Fills one placeholder and expects no problem. */
const fill = (s: string, c: TemplateContext = ctx): string => {
  const out = fillTemplate(s, c);
  expect(out.problems).toEqual([]);
  return out.text;
};

/** Row `r` of a (pos, d_model) step, as plain numbers. */
const row = (name: string, r: number): number[] => {
  const t = getStep(trace, name).output;
  const w = t.shape[1];
  return Array.from(t.data.subarray(r * w, (r + 1) * w));
};
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

describe('formatNumber', () => {
  it('groups integers by thousands', () => {
    expect(formatNumber(124337664)).toBe('124,337,664');
    expect(formatNumber(-1024)).toBe('-1,024');
    expect(formatNumber(7)).toBe('7');
  });

  it('rounds other numbers to four significant digits', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(-12.3456)).toBe('-12.35');
    expect(formatNumber(12345.6)).toBe('12,350');
    expect(formatNumber(0.5)).toBe('0.5');
  });

  it('writes tiny numbers in exponent form and infinities as symbols', () => {
    expect(formatNumber(0.000012346)).toBe('1.235e-5');
    expect(formatNumber(-Infinity)).toBe('-∞');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-0)).toBe('0');
  });
});

describe('fillTemplate', () => {
  it('fills the mean and std of the selected row from the trace', () => {
    const v = row('blocks.0.hook_resid_pre', 2);
    const mu = mean(v);
    const sd = Math.sqrt(mean(v.map((x) => (x - mu) ** 2)));
    expect(
      fill('m={{mean blocks.0.hook_resid_pre $token}} s={{std blocks.0.hook_resid_pre $token}}'),
    ).toBe(`m=${formatNumber(mu)} s=${formatNumber(sd)}`);
  });

  it('matches the LayerNorm mean step with the mean of its input row', () => {
    const recorded = getStep(trace, 'blocks.0.ln1.hook_mean').output.data[2];
    expect(fill('{{value blocks.0.ln1.hook_mean $token}}')).toBe(formatNumber(recorded));
    expect(fill('{{mean blocks.0.hook_resid_pre $token}}')).toBe(formatNumber(recorded));
  });

  it('resolves {l} to the layer in the context', () => {
    const v = row('blocks.1.ln2.hook_normalized', 4);
    const out = fill('{{min blocks.{l}.ln2.hook_normalized $last}}', { ...ctx, layer: 1 });
    expect(out).toBe(formatNumber(Math.min(...v)));
  });

  it('picks single entries of a three-axis tensor, with negative indices from the end', () => {
    const p = getStep(trace, 'blocks.0.attn.hook_pattern').output; // (head, query_pos, key_pos)
    const T = tokens.length;
    expect(fill('{{value blocks.0.attn.hook_pattern 1 $token 0}}')).toBe(
      formatNumber(p.data[1 * T * T + 2 * T + 0]),
    );
    expect(fill('{{value blocks.0.attn.hook_attn_scores 0 0 -1}}')).toBe('-∞');
    expect(fill('{{sum blocks.0.attn.hook_pattern 0 $token}}')).toBe('1');
  });

  it('reports shapes, axes, tokens and positions', () => {
    expect(fill('{{shape blocks.0.attn.hook_q}} {{axes blocks.0.attn.hook_q}}')).toBe(
      '(5, 2, 4) (pos, head, d_head)',
    );
    expect(fill('{{token $token}} at {{pos $token}} of {{ntokens}}, last {{token $last}}')).toBe(
      'B at 2 of 5, last A',
    );
  });

  it('names the most probable next token', () => {
    const probs = row('hook_probs', 2);
    const best = probs.indexOf(Math.max(...probs));
    expect(fill('{{predict $token}} {{argmax hook_probs $token}}')).toBe(`${vocab[best]} ${best}`);
    expect(fill('{{predict $token}}', { ...ctx, vocab: undefined })).toBe(`#${best}`);
  });

  it('reads config fields and sizing', () => {
    const s = sizing(config, tokens.length);
    expect(
      fill('{{config nEmbd}} {{config headDim}} {{config mlpDim}} {{config posEncoding}}'),
    ).toBe('8 4 32 learned');
    expect(
      fill('{{params total}} {{flops forward}} {{sizing tokens}}', { ...ctx, sizing: s }),
    ).toBe(`${formatNumber(s.params.total.count)} ${formatNumber(s.flops.forward.count)} 5`);
    expect(fill('{{params mlp share}}', { ...ctx, sizing: s })).toBe(
      `${formatNumber(s.params.mlp.share * 100)}%`,
    );
  });

  it('computes sizing for the full context when none is given', () => {
    expect(fill('{{sizing tokens}} {{flops forward}}')).toBe(
      `11 ${formatNumber(sizing(config).flops.forward.count)}`,
    );
  });

  it('marks what it cannot fill and lists the problems without throwing', () => {
    const out = fillTemplate(
      'a {{frobnicate x}} b {{mean blocks.7.hook_resid_post}} c {{value hook_logits 0}} ' +
        'd {{token 99}} e {{config nope}} f {{mean blocks.{all}.hook_resid_post}}',
      ctx,
    );
    expect(out.problems.map((p) => p.placeholder)).toEqual([
      '{{frobnicate x}}',
      '{{mean blocks.7.hook_resid_post}}',
      '{{value hook_logits 0}}',
      '{{token 99}}',
      '{{config nope}}',
      '{{mean blocks.{all}.hook_resid_post}}',
    ]);
    expect(out.problems[1].message).toContain("no step named 'blocks.7.hook_resid_post'");
    expect(out.text).toContain('a ⟨unknown: frobnicate x⟩ b');
    expect(out.text).not.toContain('{{');
  });

  it('treats inherited object keys as unknown, not as functions or fields', () => {
    const out = fillTemplate(
      '{{constructor hook_embed}} {{config toString}} {{params constructor}} {{flops __proto__}}',
      ctx,
    );
    expect(out.problems).toHaveLength(4);
    expect(out.text).not.toMatch(/NaN|function/);
  });

  it('leaves KaTeX braces and ordinary text alone', () => {
    const math = String.raw`$$\mathrm{PE}_{p,2i} = \sin\left(p / 10000^{2i/d}\right)$$ and {x}`;
    expect(fill(math)).toBe(math);
  });

  it('escapes Markdown in token strings', () => {
    expect(escapeMarkdown('*a_b*\n')).toBe('\\*a\\_b\\*↵');
    expect(fill('{{token 0}}', { ...ctx, tokenStrings: ['$x', 'b', 'c', 'd', 'e'] })).toBe('\\$x');
  });
});
