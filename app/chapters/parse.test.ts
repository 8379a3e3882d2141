import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../engine/model/config.ts';
import {
  ChapterFormatError,
  neighbours,
  parseChapter,
  parseChapterIndex,
  resolveName,
  resolveTargets,
} from './parse.ts';

const sort = PRESETS.mingptSort; // 3 layers

const FILE = `---
id: layernorm
title: 'LayerNorm: one row at a time'
# a comment line
steps:
  - blocks.{l}.ln1.hook_out
  - blocks.{l}.ln1.hook_mean
focus: blocks.{l}.ln1.hook_normalized
highlight:
  - transformer.h.{l}.ln_1.weight
panel: layernorm
---

# LayerNorm

Mean {{value blocks.{l}.ln1.hook_mean $token}}.
`;

/** The same file with one front matter line replaced. */
const withLine = (from: string, to: string): string => FILE.replace(from, to);

describe('parseChapter', () => {
  it('reads the front matter fields and the body', () => {
    const c = parseChapter(FILE, 'layernorm.md');
    expect(c).toEqual({
      id: 'layernorm',
      title: 'LayerNorm: one row at a time',
      steps: ['blocks.{l}.ln1.hook_out', 'blocks.{l}.ln1.hook_mean'],
      focus: 'blocks.{l}.ln1.hook_normalized',
      highlight: ['transformer.h.{l}.ln_1.weight'],
      panel: 'layernorm',
      body: '# LayerNorm\n\nMean {{value blocks.{l}.ln1.hook_mean $token}}.',
    });
  });

  it('reads null focus, empty lists, double quotes and defaults', () => {
    const src = FILE.replace(/focus: .*/, 'focus: null')
      .replace(/highlight:\n {2}- .*\n/, '')
      .replace('panel: layernorm\n', '')
      .replace(/steps:\n(?: {2}- .*\n)+/, 'steps: []\n')
      .replace(/title: .*/, 'title: "Say \\"hi\\""');
    const c = parseChapter(src);
    expect(c.focus).toBeNull();
    expect(c.steps).toEqual([]);
    expect(c.highlight).toEqual([]);
    expect(c.panel).toBeNull();
    expect(c.title).toBe('Say "hi"');
  });

  it('accepts Windows line endings', () => {
    expect(parseChapter(FILE.replaceAll('\n', '\r\n')).id).toBe('layernorm');
  });

  it.each([
    ['no opening fence', FILE.slice(4), 'must open with a line holding only ---'],
    [
      'no closing fence',
      FILE.replace('\n---\n\n#', '\n\n#'),
      'front matter has no closing --- line',
    ],
    [
      'an unknown field',
      withLine('panel: layernorm', 'colour: red'),
      "unknown front matter field 'colour'",
    ],
    ['a bad slug', withLine('id: layernorm', 'id: Layer Norm'), 'id must be a slug'],
    ['a missing title', withLine("title: 'LayerNorm: one row at a time'", ''), 'title must be'],
    ['an unknown panel', withLine('panel: layernorm', 'panel: physics'), 'panel must be one of'],
    [
      'a scalar where steps go',
      FILE.replace(/steps:\n(?: {2}- .*\n)+/, 'steps: hook_embed\n'),
      'steps must be an array',
    ],
    ['a stray list item', withLine('# a comment line', '  - hook_embed'), 'list item outside'],
    ['a repeated field', withLine('panel: layernorm', 'id: again'), "field 'id' appears twice"],
    [
      'a flow list',
      withLine('focus: blocks.{l}.ln1.hook_normalized', 'focus: [a, b]'),
      'cannot read',
    ],
  ])('rejects %s, naming the file', (_, src, message) => {
    expect(() => parseChapter(src, 'x.md')).toThrow(ChapterFormatError);
    expect(() => parseChapter(src, 'x.md')).toThrow(`chapter x.md: ${message}`);
  });
});

describe('parseChapterIndex', () => {
  it('returns the ids in reading order', () => {
    expect(parseChapterIndex({ chapters: ['overview', 'mlp'] })).toEqual(['overview', 'mlp']);
  });

  it('rejects duplicates, bad ids and other shapes', () => {
    expect(() => parseChapterIndex({ chapters: ['mlp', 'mlp'] })).toThrow('listed twice');
    expect(() => parseChapterIndex({ chapters: ['MLP'] })).toThrow("bad id 'MLP'");
    expect(() => parseChapterIndex(['overview'])).toThrow(ChapterFormatError);
    expect(() => parseChapterIndex({ chapters: [] })).toThrow(ChapterFormatError);
  });
});

describe('neighbours', () => {
  const order = ['a', 'b', 'c'];
  it('gives the previous and next chapter, null at the ends', () => {
    expect(neighbours(order, 'b')).toEqual({ prev: 'a', next: 'c' });
    expect(neighbours(order, 'a')).toEqual({ prev: null, next: 'b' });
    expect(neighbours(order, 'c')).toEqual({ prev: 'b', next: null });
    expect(neighbours(order, 'z')).toEqual({ prev: null, next: null });
  });
});

describe('resolveName', () => {
  it('puts the chosen layer for {l} and the last layer for {last}', () => {
    expect(resolveName('blocks.{l}.hook_resid_mid', sort, 1)).toEqual(['blocks.1.hook_resid_mid']);
    expect(resolveName('blocks.{last}.hook_resid_post', sort)).toEqual([
      'blocks.2.hook_resid_post',
    ]);
  });

  it('clamps {l} to the layers the model has', () => {
    expect(resolveName('blocks.{l}.ln1.hook_out', sort, 7)).toEqual(['blocks.2.ln1.hook_out']);
    expect(resolveName('blocks.{l}.ln1.hook_out', sort, -1)).toEqual(['blocks.0.ln1.hook_out']);
  });

  it('expands {all} to one name per layer', () => {
    expect(resolveName('transformer.h.{all}.mlp.c_fc.weight', sort)).toEqual([
      'transformer.h.0.mlp.c_fc.weight',
      'transformer.h.1.mlp.c_fc.weight',
      'transformer.h.2.mlp.c_fc.weight',
    ]);
    expect(resolveName('hook_embed', sort)).toEqual(['hook_embed']);
  });
});

describe('resolveTargets', () => {
  it('resolves every name and returns steps in trace order', () => {
    const c = parseChapter(FILE);
    expect(resolveTargets(c, sort, 2)).toEqual({
      steps: ['blocks.2.ln1.hook_mean', 'blocks.2.ln1.hook_out'],
      focus: 'blocks.2.ln1.hook_normalized',
      highlight: ['transformer.h.2.ln_1.weight'],
    });
  });

  it('orders steps expanded from {all} along the trace, unknown names last', () => {
    const meta = {
      ...parseChapter(FILE),
      steps: ['nonsense', 'blocks.{all}.hook_resid_post', 'blocks.{all}.hook_resid_mid'],
    };
    expect(resolveTargets(meta, sort).steps).toEqual([
      'blocks.0.hook_resid_mid',
      'blocks.0.hook_resid_post',
      'blocks.1.hook_resid_mid',
      'blocks.1.hook_resid_post',
      'blocks.2.hook_resid_mid',
      'blocks.2.hook_resid_post',
      'nonsense',
    ]);
  });
});
