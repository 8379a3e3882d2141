/**
 * Chapter files: front matter and Markdown body, the chapter order, and layer placeholders.
 * Pure: strings in, plain objects out (no DOM, no React, no fetching).
 *
 * A chapter file (`assets/chapters/<id>.md`) opens with front matter between two lines that
 * hold only `---`, followed by the Markdown body:
 *
 *   ---
 *   id: layernorm                          URL slug, the file's name without `.md`
 *   title: LayerNorm                       shown in the table of contents
 *   steps:                                 trace step names the chapter discusses
 *     - blocks.{l}.ln1.hook_mean
 *   focus: blocks.{l}.ln1.hook_out         the step the camera frames; null frames the model
 *   highlight:                             step or state_dict weight names to highlight
 *     - transformer.h.{l}.ln_1.weight
 *   panel: layernorm                       optional teaching panel opened beside the text
 *   ---
 *   Markdown, with `$...$` / `$$...$$` math and `{{...}}` live numbers (see template.ts).
 *
 * The front matter is a tiny YAML subset, parsed here (so Prettier can format it as YAML):
 *   `key: value`     a scalar: `null`, plain text, or a quoted string ('it''s' or "JSON \"style\"")
 *   `key: []`        an empty list
 *   `key:` + lines `  - value`   a list of scalars
 *   blank lines and lines starting with `#` are ignored. Nothing else is accepted.
 * Required: id, title, steps, focus. Optional: highlight (default []), panel (default null).
 *
 * Names may hold layer placeholders, resolved per model by `resolveName`:
 *   {l}     the layer the reader is looking at (0 unless the app says otherwise)
 *   {last}  the last layer, nLayer - 1
 *   {all}   every layer: the name stands for nLayer names, 0 to nLayer - 1
 *
 * The order lives in `assets/chapters/index.json`: `{ "chapters": ["overview", ...] }`.
 */
import type { ModelConfig } from '../../engine/model/config.ts';
import { stepNames } from '../../engine/trace.ts';

/** Teaching panels a chapter may open beside its text. */
export const PANELS = ['posenc', 'layernorm', 'mlp', 'sampling', 'sizing'] as const;
export type PanelId = (typeof PANELS)[number];

/** What the front matter says. */
export interface ChapterMeta {
  /** URL slug: lower-case letters, digits and dashes; also the file name without `.md`. */
  readonly id: string;
  readonly title: string;
  /** Trace step names the chapter discusses, in trace order; may hold layer placeholders. */
  readonly steps: readonly string[];
  /** The step the camera frames, or null to frame the whole model. */
  readonly focus: string | null;
  /** Step or weight (state_dict) names to highlight; may hold layer placeholders. */
  readonly highlight: readonly string[];
  /** Teaching panel to open beside the chapter, if any. */
  readonly panel: PanelId | null;
}

/** A parsed chapter file. */
export interface Chapter extends ChapterMeta {
  /** The Markdown after the front matter, live-number placeholders still unfilled. */
  readonly body: string;
}

/** A chapter file or index that does not follow the format above. */
export class ChapterFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChapterFormatError';
  }
}

/** What a chapter id may look like (it appears in URLs). */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The front matter fence: a line holding only three dashes. */
const FENCE = /^---[ \t]*$/;
const KEYS = ['id', 'title', 'steps', 'focus', 'highlight', 'panel'];

/** A front matter scalar: null, a quoted string or plain text. */
function scalar(text: string, fail: (why: string) => never): string | null {
  const t = text.trim();
  if (t === 'null') return null;
  if (/^'.*'$/.test(t)) return t.slice(1, -1).replaceAll("''", "'");
  if (/^".*"$/.test(t)) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return fail(`bad double-quoted string ${t}`);
    }
  }
  if (/^['"[{]/.test(t)) fail(`cannot read value ${t} (quote it, or use a list of - items)`);
  return t;
}

/** Parses the front matter lines (the YAML subset above) into a plain object. */
function parseFrontMatter(
  lines: readonly string[],
  fail: (why: string) => never,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let list: (string | null)[] | null = null;
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      if (!list) fail(`list item outside a list: ${line.trim()}`);
      list.push(scalar(item[1], fail));
      continue;
    }
    const field = /^([a-z]+):(?:\s+(.*))?$/.exec(line);
    if (!field) fail(`cannot read front matter line: ${line}`);
    const [, key, value] = field;
    if (key in out) fail(`field '${key}' appears twice`);
    list = null;
    if (value === undefined || value.trim() === '') out[key] = list = [];
    else if (value.trim() === '[]') out[key] = [];
    else out[key] = scalar(value, fail);
  }
  return out;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);

/**
 * Splits a chapter file into its front matter and body and checks every field.
 * @param source the whole file, as text.
 * @param file a name for messages, e.g. `layernorm.md`.
 * @throws ChapterFormatError naming the file and the field at fault.
 */
export function parseChapter(source: string, file = 'chapter'): Chapter {
  const fail = (why: string): never => {
    throw new ChapterFormatError(`chapter ${file}: ${why}`);
  };

  // front matter: the lines between the first two fences
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) fail('must open with a line holding only ---');
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) fail('front matter has no closing --- line');
  const m = parseFrontMatter(lines.slice(1, close), fail);

  // fields
  for (const key of Object.keys(m)) {
    if (!KEYS.includes(key)) fail(`unknown front matter field '${key}' (allowed: ${KEYS})`);
  }
  if (typeof m.id !== 'string' || !ID_PATTERN.test(m.id)) {
    fail(`id must be a slug of lower-case letters, digits and dashes, got ${JSON.stringify(m.id)}`);
  }
  if (typeof m.title !== 'string' || m.title.trim() === '')
    fail('title must be a non-empty string');
  if (!isStringArray(m.steps)) fail('steps must be an array of step names');
  if (!(m.focus === null || (typeof m.focus === 'string' && m.focus !== ''))) {
    fail('focus must be a step name or null');
  }
  const highlight = m.highlight ?? [];
  if (!isStringArray(highlight)) fail('highlight must be an array of step or weight names');
  const panel = m.panel ?? null;
  if (panel !== null && !(PANELS as readonly unknown[]).includes(panel)) {
    fail(`panel must be one of ${PANELS.join(', ')}, got ${JSON.stringify(panel)}`);
  }

  return {
    id: m.id as string,
    title: m.title as string,
    steps: m.steps as string[],
    focus: m.focus as string | null,
    highlight: highlight as string[],
    panel: panel as PanelId | null,
    body: lines
      .slice(close + 1)
      .join('\n')
      .trim(),
  };
}

/**
 * Reads `assets/chapters/index.json`: the chapter ids in reading order.
 * @throws ChapterFormatError when it is not `{ "chapters": [unique slugs] }`.
 */
export function parseChapterIndex(json: unknown): string[] {
  const chapters = (json as { chapters?: unknown } | null)?.chapters;
  if (!isStringArray(chapters) || chapters.length === 0) {
    throw new ChapterFormatError('chapter index: expected { "chapters": ["id", ...] }');
  }
  const seen = new Set<string>();
  for (const id of chapters) {
    if (!ID_PATTERN.test(id)) throw new ChapterFormatError(`chapter index: bad id '${id}'`);
    if (seen.has(id)) throw new ChapterFormatError(`chapter index: '${id}' is listed twice`);
    seen.add(id);
  }
  return chapters;
}

/** The chapters before and after `id` in the reading order (null at either end or if absent). */
export function neighbours(
  order: readonly string[],
  id: string,
): { prev: string | null; next: string | null } {
  const i = order.indexOf(id);
  if (i < 0) return { prev: null, next: null };
  return { prev: order[i - 1] ?? null, next: order[i + 1] ?? null };
}

/**
 * Resolves the layer placeholders of a step or weight name for one model.
 * `{l}` becomes `layer`, `{last}` becomes nLayer - 1, and `{all}` yields one name per layer.
 * @param layer the layer the reader is looking at; clamped to the model's layers.
 * @returns the resolved names (one, or nLayer for `{all}`).
 */
export function resolveName(name: string, config: ModelConfig, layer = 0): string[] {
  const last = config.nLayer - 1;
  const l = Math.min(Math.max(0, Math.trunc(layer)), last);
  const one = name.replaceAll('{l}', String(l)).replaceAll('{last}', String(last));
  if (!one.includes('{all}')) return [one];
  return Array.from({ length: config.nLayer }, (_, i) => one.replaceAll('{all}', String(i)));
}

/** Sorts step names into trace order; names the model does not record keep their place at the end. */
function inTraceOrder(names: string[], config: ModelConfig): string[] {
  const at = new Map(stepNames(config).map((n, i) => [n, i]));
  const ranked = names.map((n, i) => ({ n, rank: at.get(n) ?? at.size + i }));
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.n);
}

/** A chapter's names with their layer placeholders resolved for one model. */
export interface ResolvedTargets {
  readonly steps: string[];
  readonly focus: string | null;
  readonly highlight: string[];
}

/**
 * Resolves the steps, focus and highlight of a chapter for one model and layer.
 * Steps come back in the order the trace records them (names the model lacks go last).
 */
export function resolveTargets(meta: ChapterMeta, config: ModelConfig, layer = 0): ResolvedTargets {
  const all = (names: readonly string[]): string[] =>
    names.flatMap((n) => resolveName(n, config, layer));
  return {
    steps: inTraceOrder(all(meta.steps), config),
    focus: meta.focus === null ? null : (resolveName(meta.focus, config, layer)[0] ?? null),
    highlight: all(meta.highlight),
  };
}
