import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { makeConfig, PRESETS, type ModelConfig } from '../../engine/model/config.ts';
import { forward } from '../../engine/model/gpt.ts';
import { randomModel, weightSpecs } from '../../engine/model/weights.ts';
import { sizing } from '../../engine/sizing.ts';
import { stepNames } from '../../engine/trace.ts';
import { parseChapter, parseChapterIndex, resolveTargets, type Chapter } from './parse.ts';
import { fillTemplate, formatNumber } from './template.ts';

// The shipped chapter files, checked against the minGPT sort config (the PyTorch reference)
const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
const DIR = path.join(ASSETS, 'chapters');
const files = readdirSync(DIR).filter((f) => f.endsWith('.md'));
const chapters: Chapter[] = files.map((f) =>
  parseChapter(readFileSync(path.join(DIR, f), 'utf8'), f),
);
const order = parseChapterIndex(JSON.parse(readFileSync(path.join(DIR, 'index.json'), 'utf8')));
const sort = PRESETS.mingptSort;

/** Chapter length limits for learners (issue #6: 150 to 400 words). */
const MIN_WORDS = 150;
const MAX_WORDS = 400;

/** Display math first, then inline math. */
const DISPLAY_MATH = /\$\$([^]+?)\$\$/g;
const INLINE_MATH = /\$([^$\n]+?)\$/g;
/** Live-number placeholders, as template.ts finds them. */
const PLACEHOLDERS = /\{\{[^\n]*?\}\}/g;

/** Words of prose: math and live-number placeholders left out. */
const proseWords = (body: string): number =>
  (
    body
      .replace(DISPLAY_MATH, ' ')
      .replace(INLINE_MATH, ' ')
      .replace(PLACEHOLDERS, ' ')
      .match(/[A-Za-z0-9][\w'’-]*/g) ?? []
  ).length;

/** Every name a model with this config can show: its steps and its weights. */
const knownNames = (config: ModelConfig): Set<string> =>
  new Set([...stepNames(config), ...weightSpecs(config).keys()]);

/** Fills a chapter for one run; returns the problems. */
function problemsFor(
  chapter: Chapter,
  config: ModelConfig,
  tokens: number[],
  selected: number,
  layer: number,
): string[] {
  const { trace } = forward(randomModel(config, 1), tokens);
  const out = fillTemplate(chapter.body, {
    trace,
    tokenStrings: tokens.map((t) => 'ABC'[t]),
    selectedToken: selected,
    config,
    layer,
    vocab: ['A', 'B', 'C'],
  });
  return out.problems.map((p) => `${chapter.id} (layer ${layer}): ${p.placeholder} ${p.message}`);
}

describe('chapter files', () => {
  it('lists every chapter file exactly once in index.json, named by its id', () => {
    expect([...order].sort()).toEqual(files.map((f) => f.replace(/\.md$/, '')).sort());
    for (const c of chapters) expect(`${c.id}.md`).toBe(files[chapters.indexOf(c)]);
  });

  it('covers the chapters the issue asks for, in teaching order', () => {
    expect(order[0]).toBe('overview');
    expect(order.indexOf('positional-encoding')).toBeLessThan(order.indexOf('layernorm'));
    expect(order.indexOf('attention-qkv')).toBeLessThan(order.indexOf('attention-heads'));
    expect(order.indexOf('mlp')).toBeLessThan(order.indexOf('output-sampling'));
    expect(order.at(-1)).toBe('model-size');
    expect(
      chapters
        .map((c) => c.panel)
        .filter(Boolean)
        .sort(),
    ).toEqual(['layernorm', 'mlp', 'posenc', 'sampling', 'sizing']);
  });

  it('keeps every chapter between 150 and 400 words of prose', () => {
    for (const c of chapters) {
      const n = proseWords(c.body);
      expect(n, `${c.id} has ${n} words`).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(n, `${c.id} has ${n} words`).toBeLessThanOrEqual(MAX_WORDS);
    }
  });

  it('names only steps and weights the sort model has, for every layer', () => {
    const known = knownNames(sort);
    const names = stepNames(sort);
    for (const c of chapters) {
      for (let layer = 0; layer < sort.nLayer; layer++) {
        const t = resolveTargets(c, sort, layer);
        for (const n of [...t.steps, ...t.highlight, ...(t.focus ? [t.focus] : [])]) {
          expect(known.has(n), `${c.id}: unknown name ${n}`).toBe(true);
        }
        // steps are listed in the order the trace records them
        const at = t.steps.map((s) => names.indexOf(s));
        expect(at, `${c.id} steps out of trace order`).toEqual([...at].sort((a, b) => a - b));
      }
    }
  });

  it('fills every live number for the sort model, at every layer and selected token', () => {
    const tokens = [0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0];
    const problems = chapters.flatMap((c) =>
      [0, 1, 2].flatMap((layer) => [
        ...problemsFor(c, sort, tokens, 0, layer),
        ...problemsFor(c, sort, tokens, tokens.length - 1, layer),
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('fills every live number for a sinusoidal, bias-free model too', () => {
    const config = makeConfig({
      vocabSize: 3,
      blockSize: 11,
      nLayer: 2,
      nHead: 2,
      nEmbd: 8,
      posEncoding: 'sinusoidal',
      bias: false,
    });
    const problems = chapters.flatMap((c) => problemsFor(c, config, [2, 1, 0], 1, 1));
    expect(problems).toEqual([]);
  });

  it('renders every formula with KaTeX', () => {
    for (const c of chapters) {
      const body = c.body.replace(PLACEHOLDERS, '1');
      for (const [, tex] of body.matchAll(DISPLAY_MATH)) {
        expect(
          () => katex.renderToString(tex, { displayMode: true }),
          `${c.id}: ${tex}`,
        ).not.toThrow();
      }
      for (const [, tex] of body.replace(DISPLAY_MATH, ' ').matchAll(INLINE_MATH)) {
        expect(() => katex.renderToString(tex), `${c.id}: ${tex}`).not.toThrow();
      }
    }
  });

  it('quotes model sizes that match the sizing module', () => {
    const text = chapters.find((c) => c.id === 'model-size')!.body;
    const gpt2 = sizing(PRESETS.gpt2).params.total.count;
    const gpt2NoBias = sizing({ ...PRESETS.gpt2, bias: false }).params.total.count;
    const gpt3 = sizing(PRESETS.gpt3).params.total.count;
    expect(gpt2NoBias).toBe(124_337_664);
    for (const n of [gpt2, gpt2NoBias, gpt3]) expect(text).toContain(formatNumber(n));
  });
});

describe('further reading', () => {
  const reading = readFileSync(path.join(ASSETS, 'reading.md'), 'utf8');

  it('cites the references the issue names, each with a link', () => {
    for (const needle of [
      'arxiv.org/abs/1706.03762',
      'transformer-a-novel-neural-network-architecture-for-language-understanding',
      'The Transformer Family',
      'Version 2.0',
      'Attention in transformers, visually explained',
      'The Positional Encoding',
      'torch.nn.LayerNorm',
      'transformer_sizing.ipynb',
      'bbycroft.net/llm',
      'TransformerLens',
      'bertviz',
      'Transformer Explainer',
    ]) {
      expect(reading, needle).toContain(needle);
    }
    const items = reading.split('\n').filter((l) => l.startsWith('- '));
    for (const item of items) expect(item, item).toMatch(/\]\(https:\/\/[^)]+\)/);
  });
});
