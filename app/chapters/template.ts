/**
 * Live numbers in chapter text: fills `{{...}}` placeholders from a forward pass.
 * Pure and safe: a fixed set of functions, no eval; a placeholder that cannot be filled becomes a
 * visible marker `⟨unknown: ...⟩` and an entry in `problems`, never an exception.
 *
 * Syntax: `{{fn arg arg ...}}` on one line; fn is one of the words below. A NAME is a trace step
 * name (`blocks.{l}.ln1.hook_out`; `{l}` and `{last}` as in parse.ts). An INDEX is an integer
 * (negative counts from the end of its axis), `$token` (the selected position) or `$last`
 * (the last position). Indices select along the tensor's leading axes.
 *
 *   {{value NAME i j ...}}     one entry: one index per axis
 *   {{mean NAME i ...}}        mean of the slice the leading indices select (all of it with none)
 *   {{std NAME i ...}}         standard deviation of the slice (biased, as LayerNorm uses)
 *   {{min NAME i ...}}         smallest entry of the slice; also max and sum
 *   {{argmax NAME i ...}}      index of the largest entry of a one-axis slice
 *   {{shape NAME}}             e.g. (11, 48)          {{axes NAME}}  e.g. (pos, d_model)
 *   {{token INDEX}}            the token string at a position (Markdown-escaped)
 *   {{pos INDEX}}              the position itself, e.g. $token as a number
 *   {{ntokens}}                number of tokens in the pass
 *   {{predict INDEX}}          the most probable next token after a position (from hook_probs)
 *   {{config KEY}}             a ModelConfig field, or headDim, mlpDim
 *   {{params KEY}}             parameters of a component (keys of ParamSizing, e.g. total, attn)
 *   {{flops KEY}}              forward FLOPs of a component (keys of FlopSizing, e.g. forward)
 *   {{params KEY share}}       that component's share of the total, as a percentage (also flops)
 *   {{sizing tokens}}          the number of tokens the FLOPs are counted for
 *
 * Numbers: integers with thousands separators (124,337,664); others to 4 significant digits
 * (0.1235, -12.35, 1,235), below 0.001 in exponent form (1.235e-5); infinities as ∞ and -∞.
 * Keep `{{` out of KaTeX math: write `{ {` there if it is ever needed.
 */
import { headDim, mlpDim, type ModelConfig } from '../../engine/model/config.ts';
import { sizing as computeSizing, type Sizing } from '../../engine/sizing.ts';
import type { Tensor } from '../../engine/tensor.ts';
import type { Step } from '../../engine/trace.ts';
import { resolveName } from './parse.ts';

/** What the placeholders read. */
export interface TemplateContext {
  /** The forward pass; only step names and outputs are read. */
  readonly trace: { readonly steps: readonly Pick<Step, 'name' | 'output'>[] };
  /** The input tokens as strings, one per position. */
  readonly tokenStrings: readonly string[];
  /** The position `$token` stands for. */
  readonly selectedToken: number;
  readonly config: ModelConfig;
  /** Sizing to report; when absent it is computed for the full context (blockSize tokens). */
  readonly sizing?: Sizing;
  /** The layer `{l}` stands for; 0 when absent. */
  readonly layer?: number;
  /** Token strings in id order, for {{predict}}; without it the id is shown as #id. */
  readonly vocab?: readonly string[];
}

/** A placeholder that could not be filled. */
export interface TemplateProblem {
  /** The placeholder as written, braces included. */
  readonly placeholder: string;
  readonly message: string;
}

export interface FilledTemplate {
  readonly text: string;
  readonly problems: readonly TemplateProblem[];
}

/** Significant digits of non-integer numbers. */
const SIGNIFICANT_DIGITS = 4;
/** Below this magnitude numbers switch to exponent form. */
const SMALL = 1e-3;
/** From this magnitude JavaScript itself prints exponents; so do we. */
const LARGE = 1e21;

/** A placeholder: `{{`, a function word, its arguments on the same line, `}}`. */
const PLACEHOLDER = /\{\{\s*([a-z][a-zA-Z]*)([ \t][^\n]*?)?\s*\}\}/g;

/** Thrown inside the module only; fillTemplate turns it into a marker and a problem. */
class Unfillable extends Error {}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Formats a number for prose: integers grouped by thousands, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a >= LARGE || (a < SMALL && !Number.isInteger(x)))
    return x.toExponential(SIGNIFICANT_DIGITS - 1);
  const r = Number.isInteger(a) ? a : Number(a.toPrecision(SIGNIFICANT_DIGITS));
  return sign + (Number.isInteger(r) ? groupThousands(String(r)) : String(r));
}

/** Escapes a token string so Markdown shows it as written (newlines and tabs made visible). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_{}[\]()<>#+!|$~]/g, '\\$&')
    .replace(/\n/g, '↵')
    .replace(/\t/g, '⇥');
}

/** Resolves an INDEX argument against an axis of length n. */
function index(arg: string, n: number, ctx: TemplateContext): number {
  let i: number;
  if (arg === '$token') i = ctx.selectedToken;
  else if (arg === '$last') i = ctx.tokenStrings.length - 1;
  else if (/^-?\d+$/.test(arg)) i = Number(arg) < 0 ? n + Number(arg) : Number(arg);
  else throw new Unfillable(`'${arg}' is not an index (an integer, $token or $last)`);
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new Unfillable(`index ${arg} is outside an axis of length ${n}`);
  }
  return i;
}

/** The contiguous slice of a tensor picked by leading indices. */
function slice(t: Tensor, args: readonly string[], ctx: TemplateContext): Float32Array {
  if (args.length > t.shape.length) {
    throw new Unfillable(`${args.length} indices for a tensor of shape (${t.shape.join(', ')})`);
  }
  let offset = 0;
  let size = t.data.length;
  args.forEach((arg, axis) => {
    size /= t.shape[axis];
    offset += index(arg, t.shape[axis], ctx) * size;
  });
  return t.data.subarray(offset, offset + size);
}

/** Statistics of a slice, computed in float64. */
const STATS: Record<string, (v: Float32Array) => number> = {
  sum: (v) => v.reduce((s, x) => s + x, 0),
  mean: (v) => STATS.sum(v) / v.length,
  std: (v) => {
    const mu = STATS.mean(v);
    return Math.sqrt(v.reduce((s, x) => s + (x - mu) ** 2, 0) / v.length);
  },
  min: (v) => v.reduce((m, x) => Math.min(m, x), Infinity),
  max: (v) => v.reduce((m, x) => Math.max(m, x), -Infinity),
};

/** Index of the largest entry. */
const argmax = (v: Float32Array): number => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);

/** Fills one placeholder, or throws Unfillable. */
function fillOne(
  fn: string,
  args: string[],
  ctx: TemplateContext,
  steps: Map<string, Tensor>,
): string {
  const tensorArg = (): Tensor => {
    if (args.length === 0) throw new Unfillable(`${fn} needs a step name`);
    if (args[0].includes('{all}')) throw new Unfillable('{all} names several steps; pick one');
    const name = resolveName(args[0], ctx.config, ctx.layer ?? 0)[0];
    const t = steps.get(name);
    if (!t) throw new Unfillable(`no step named '${name}' in this trace`);
    return t;
  };
  const arity = (n: number): void => {
    if (args.length !== n) throw new Unfillable(`${fn} takes ${n} argument(s), got ${args.length}`);
  };
  const positions = (): number => steps.get('hook_embed')?.shape[0] ?? ctx.tokenStrings.length;
  const sized = (): Sizing => ctx.sizing ?? computeSizing(ctx.config);

  if (Object.hasOwn(STATS, fn)) {
    const v = slice(tensorArg(), args.slice(1), ctx);
    return formatNumber(STATS[fn](v));
  }
  switch (fn) {
    case 'value': {
      const t = tensorArg();
      if (args.length - 1 !== t.shape.length) {
        throw new Unfillable(
          `value needs ${t.shape.length} indices for shape (${t.shape.join(', ')})`,
        );
      }
      return formatNumber(slice(t, args.slice(1), ctx)[0]);
    }
    case 'argmax': {
      const t = tensorArg();
      if (args.length !== t.shape.length) {
        throw new Unfillable(`argmax needs ${t.shape.length - 1} indices to pick one row`);
      }
      return formatNumber(argmax(slice(t, args.slice(1), ctx)));
    }
    case 'shape':
      arity(1);
      return `(${tensorArg().shape.join(', ')})`;
    case 'axes':
      arity(1);
      return `(${tensorArg().axes.join(', ')})`;
    case 'token':
      arity(1);
      return escapeMarkdown(ctx.tokenStrings[index(args[0], ctx.tokenStrings.length, ctx)]);
    case 'pos':
      arity(1);
      return formatNumber(index(args[0], positions(), ctx));
    case 'ntokens':
      arity(0);
      return formatNumber(positions());
    case 'predict': {
      arity(1);
      const probs = steps.get('hook_probs');
      if (!probs) throw new Unfillable('this trace has no hook_probs');
      const id = argmax(slice(probs, args, ctx));
      return ctx.vocab?.[id] !== undefined ? escapeMarkdown(ctx.vocab[id]) : `#${id}`;
    }
    case 'config': {
      arity(1);
      const c = ctx.config;
      const derived: Record<string, number> = { headDim: headDim(c), mlpDim: mlpDim(c) };
      const v = Object.hasOwn(derived, args[0])
        ? derived[args[0]]
        : (c as unknown as Record<string, unknown>)[args[0]];
      if (typeof v === 'number') return formatNumber(v);
      if (typeof v === 'boolean') return v ? 'yes' : 'no';
      if (typeof v === 'string') return v;
      throw new Unfillable(`no config field '${args[0]}'`);
    }
    case 'params':
    case 'flops': {
      if (args.length !== 1 && !(args.length === 2 && args[1] === 'share')) {
        throw new Unfillable(`${fn} takes a component and optionally 'share'`);
      }
      const table = sized()[fn] as unknown as Record<string, { count: number; share: number }>;
      const item = Object.hasOwn(table, args[0]) ? table[args[0]] : undefined;
      if (!item) throw new Unfillable(`no ${fn} component '${args[0]}'`);
      return args[1] === 'share' ? `${formatNumber(item.share * 100)}%` : formatNumber(item.count);
    }
    case 'sizing':
      arity(1);
      if (args[0] !== 'tokens') throw new Unfillable(`sizing knows only 'tokens'`);
      return formatNumber(sized().nTokens);
    default:
      throw new Unfillable(`unknown function '${fn}'`);
  }
}

/**
 * Replaces every `{{...}}` placeholder of a chapter body with its value from the context.
 * Never throws: an unfillable placeholder becomes `⟨unknown: ...⟩` and a problem entry.
 */
export function fillTemplate(markdown: string, ctx: TemplateContext): FilledTemplate {
  const steps = new Map(ctx.trace.steps.map((s) => [s.name, s.output]));
  const problems: TemplateProblem[] = [];
  const text = markdown.replace(PLACEHOLDER, (placeholder, fn: string, rest?: string) => {
    const args = (rest ?? '').trim().split(/\s+/).filter(Boolean);
    try {
      return fillOne(fn, args, ctx, steps);
    } catch (e) {
      const message = e instanceof Unfillable ? e.message : `failed: ${String(e)}`;
      problems.push({ placeholder, message });
      return `⟨unknown: ${escapeMarkdown([fn, ...args].join(' '))}⟩`;
    }
  });
  return { text, problems };
}
