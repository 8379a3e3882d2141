/**
 * The trace: the ordered record of every step of a forward pass.
 *
 * Step names follow TransformerLens hook names where one exists (hook_embed,
 * blocks.{l}.attn.hook_pattern, ...) and extend them where we record more
 * (ln hook_mean and hook_out, attn.hook_qkv, attn.hook_attn_scores_raw, attn.hook_result).
 * `stepNames(config)` is the one list of names; forward() records exactly these, in order.
 *
 * Shapes (T tokens, C = nEmbd, nh heads, hs = C / nh, V vocab, M = mlpRatio * C):
 *   hook_embed, hook_pos_embed            (pos, d_model)         (T, C)
 *   blocks.0.hook_resid_pre               (pos, d_model)         (T, C)
 *     (blocks.{l}.hook_resid_pre for l > 0 is blocks.{l-1}.hook_resid_post: see recordedName)
 *   *.hook_mean, *.hook_scale             (pos)                  (T)
 *   *.hook_normalized, *.hook_out         (pos, d_model)         (T, C)
 *   attn.hook_qkv                         (pos, d_qkv)           (T, 3C)
 *   attn.hook_q, hook_k, hook_v, hook_z   (pos, head, d_head)    (T, nh, hs)
 *   attn.hook_attn_scores_raw, hook_attn_scores, hook_pattern
 *                                         (head, query_pos, key_pos) (nh, T, T)
 *   attn.hook_result                      (pos, head, d_model)   (T, nh, C)
 *   hook_attn_out, hook_resid_mid, hook_mlp_out, hook_resid_post (pos, d_model) (T, C)
 *   mlp.hook_pre, mlp.hook_post           (pos, d_mlp)           (T, M)
 *   hook_logits, hook_probs               (pos, vocab)           (T, V)
 */
import type { Tensor } from './tensor.ts';
import type { ModelConfig } from './model/config.ts';

/** What kind of computation a step performs. */
export type StepKind =
  | 'embed' // row lookup in an embedding table
  | 'pos_embed' // learned position rows or sinusoids
  | 'add' // elementwise sum (residual adds)
  | 'ln_mean' // LayerNorm: mean over d_model
  | 'ln_scale' // LayerNorm: sqrt(biased variance + eps)
  | 'ln_normalize' // LayerNorm: (x - mean) / scale
  | 'ln_affine' // LayerNorm: gamma * xhat + beta
  | 'linear' // x W^T + b
  | 'split_heads' // q, k or v cut out of qkv, per head
  | 'attn_scores' // q k^T / sqrt(hs)
  | 'causal_mask' // future key positions set to -inf
  | 'softmax' // softmax over the last axis
  | 'attn_mix' // pattern @ v, per head
  | 'head_result' // each head's share of the output projection
  | 'gelu' // GELU activation
  | 'unembed'; // the LM head

/** One recorded step of the computation. */
export interface Step {
  /** Position in the trace, from 0. */
  readonly index: number;
  /** Hook name, e.g. `blocks.0.attn.hook_pattern`. */
  readonly name: string;
  readonly kind: StepKind;
  /** Block index, or null outside the blocks. */
  readonly layer: number | null;
  /**
   * Head index when the step is for one head only, else null. Every attention step records all
   * heads at once (a `head` axis in its output), so forward() leaves this null.
   */
  readonly head: number | null;
  /** Names of every tensor read: earlier steps, weights (state_dict names) or `input_ids`. */
  readonly inputs: readonly string[];
  /** The tensor written, with axis names. */
  readonly output: Tensor;
  /** The computation as a LaTeX formula. */
  readonly formula: string;
}

/** A complete forward pass. */
export interface Trace {
  readonly config: ModelConfig;
  /** Input token ids. */
  readonly tokens: readonly number[];
  readonly steps: readonly Step[];
}

/** Name of the input token ids among a step's inputs. */
export const INPUT_IDS = 'input_ids';

/** Names recorded for LayerNorm `prefix` (ln1, ln2 inside a block; ln_final outside). */
const lnNames = (prefix: string): string[] =>
  ['hook_mean', 'hook_scale', 'hook_normalized', 'hook_out'].map((h) => `${prefix}.${h}`);

/** The names one block records, in order. */
export function blockStepNames(l: number): string[] {
  const b = `blocks.${l}`;
  return [
    ...(l === 0 ? [`${b}.hook_resid_pre`] : []),
    ...lnNames(`${b}.ln1`),
    `${b}.attn.hook_qkv`,
    `${b}.attn.hook_q`,
    `${b}.attn.hook_k`,
    `${b}.attn.hook_v`,
    `${b}.attn.hook_attn_scores_raw`,
    `${b}.attn.hook_attn_scores`,
    `${b}.attn.hook_pattern`,
    `${b}.attn.hook_z`,
    `${b}.attn.hook_result`,
    `${b}.hook_attn_out`,
    `${b}.hook_resid_mid`,
    ...lnNames(`${b}.ln2`),
    `${b}.mlp.hook_pre`,
    `${b}.mlp.hook_post`,
    `${b}.hook_mlp_out`,
    `${b}.hook_resid_post`,
  ];
}

/** Every step name forward() records for a config, in order. */
export function stepNames(config: ModelConfig): string[] {
  const names = ['hook_embed', 'hook_pos_embed'];
  for (let l = 0; l < config.nLayer; l++) names.push(...blockStepNames(l));
  names.push(...lnNames('ln_final'), 'hook_logits', 'hook_probs');
  return names;
}

/** `blocks.{l}.hook_resid_pre`, a block's residual input. */
const RESID_PRE = /^blocks\.(\d+)\.hook_resid_pre$/;
/** `blocks.{l}.hook_resid_post`, a block's output. */
const RESID_POST = /^blocks\.(\d+)\.hook_resid_post$/;

/**
 * The recorded name behind a TransformerLens name that has no step of its own: the residual
 * input of block l > 0 is block l - 1's output, recorded once, as `blocks.{l-1}.hook_resid_post`.
 * Any other name is its own.
 */
export function recordedName(name: string): string {
  const m = RESID_PRE.exec(name);
  return m && Number(m[1]) > 0 ? `blocks.${Number(m[1]) - 1}.hook_resid_post` : name;
}

/** The other TransformerLens names of a recorded step (block l's output is l + 1's input). */
export function otherNames(name: string, config: ModelConfig): string[] {
  const m = RESID_POST.exec(name);
  const next = m ? Number(m[1]) + 1 : config.nLayer;
  return next < config.nLayer ? [`blocks.${next}.hook_resid_pre`] : [];
}

/** Index of the step recording a name (its own or a TransformerLens name for it), -1 for none. */
export function stepIndexOf(trace: Trace, name: string): number {
  const pre = RESID_PRE.exec(name);
  if (pre && Number(pre[1]) >= trace.config.nLayer) return -1;
  const recorded = recordedName(name);
  return trace.steps.findIndex((s) => s.name === recorded);
}

/** The step recording a name (see stepIndexOf). @throws Error when the trace has no such step. */
export function getStep(trace: Trace, name: string): Step {
  const step = trace.steps[stepIndexOf(trace, name)];
  if (!step) throw new Error(`trace has no step named '${name}'`);
  return step;
}
