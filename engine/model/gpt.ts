/**
 * The GPT forward pass (nanoGPT / GPT-2 architecture), recording every intermediate tensor.
 *
 * Dimension legend:
 *   T    tokens in the input, at most blockSize
 *   C    nEmbd, the residual width (d_model)
 *   nh   heads, hs = C / nh their width
 *   M    mlpRatio * C (d_mlp)
 *   V    vocabulary size
 *
 * Each step is recorded under its name from `stepNames(config)`, in that order, with the names of
 * the tensors it read and its formula. Every step owns a fresh buffer: the trace is never mutated.
 */
import { InputError, WeightError } from '../errors.ts';
import { gelu } from '../ops/activations.ts';
import { add } from '../ops/add.ts';
import {
  attentionMix,
  attentionScores,
  causalMask,
  headResults,
  splitHeads,
  sumHeads,
} from '../ops/attention.ts';
import { embedding, positionRows, sinusoidalTable } from '../ops/embedding.ts';
import { affine, layerNormStats, normalize } from '../ops/layernorm.ts';
import { linear } from '../ops/linear.ts';
import { softmax } from '../ops/softmax.ts';
import type { Tensor } from '../tensor.ts';
import { INPUT_IDS, type Step, type StepKind, type Trace } from '../trace.ts';
import { LM_HEAD, WPE, WTE, type Model } from './weights.ts';

/** What forward() returns. */
export interface ForwardResult {
  /** Next-token scores (pos, vocab), (T, V). */
  readonly logits: Tensor;
  /** softmax of the logits (pos, vocab), (T, V). */
  readonly probs: Tensor;
  /** Every step of the pass. */
  readonly trace: Trace;
}

/** LaTeX of each step (KaTeX-renderable). */
const FORMULA = {
  embed: String.raw`E = W_{te}[\mathrm{ids}]`,
  posLearned: String.raw`P = W_{pe}[0{:}T]`,
  posSinusoid: String.raw`P_{p,2i} = \sin\!\left(p / 10000^{2i/d}\right),\; P_{p,2i+1} = \cos\!\left(p / 10000^{2i/d}\right)`,
  embedSum: String.raw`x = E + P`,
  lnMean: String.raw`\mu = \tfrac{1}{C} \sum_i x_i`,
  lnScale: String.raw`\sigma = \sqrt{\tfrac{1}{C} \sum_i (x_i - \mu)^2 + \epsilon}`,
  lnNormalize: String.raw`\hat{x} = (x - \mu) / \sigma`,
  lnAffine: String.raw`y = \gamma \odot \hat{x} + \beta`,
  qkv: String.raw`[Q\;K\;V] = x W_{attn}^\top + b_{attn}`,
  q: String.raw`Q_h = [Q\;K\;V]_{:,\, h d_h : (h+1) d_h}`,
  k: String.raw`K_h = [Q\;K\;V]_{:,\, C + h d_h : C + (h+1) d_h}`,
  v: String.raw`V_h = [Q\;K\;V]_{:,\, 2C + h d_h : 2C + (h+1) d_h}`,
  scores: String.raw`S_h = Q_h K_h^\top / \sqrt{d_h}`,
  mask: String.raw`S_{h,ij} = -\infty \;\text{for}\; j > i`,
  pattern: String.raw`A_h = \mathrm{softmax}(S_h)`,
  z: String.raw`z_h = A_h V_h`,
  result: String.raw`r_h = z_h W_{O,h}^\top`,
  attnOut: String.raw`a = \sum_h r_h + b_O`,
  residMid: String.raw`x_{mid} = x + a`,
  mlpPre: String.raw`u = x W_{fc}^\top + b_{fc}`,
  geluExact: String.raw`g = u \, \Phi(u) = \tfrac{u}{2}\left(1 + \mathrm{erf}(u / \sqrt{2})\right)`,
  geluTanh: String.raw`g = \tfrac{u}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,(u + 0.044715 u^3)\right)\right)`,
  mlpOut: String.raw`m = g W_{proj}^\top + b_{proj}`,
  residPost: String.raw`x_{out} = x_{mid} + m`,
  logits: String.raw`\ell = x W_U^\top`,
  probs: String.raw`p = \mathrm{softmax}(\ell)`,
};

/** What a value is, in words, for messages: 'a string', 'null', 'an object', ... */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const type = typeof v;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Checks a model and its token ids. Ids come as an array or a typed array (Int32Array, ...).
 * The one place forward's inputs are checked; the app calls it before running.
 * @throws InputError for no model, ids that are not an array of numbers, no tokens, more than
 * blockSize, or an id that is not an integer in [0, V)
 */
export function checkTokens(model: Model, tokenIds: ArrayLike<number>): void {
  const m = model as Partial<Model> | null | undefined;
  if (typeof m !== 'object' || m === null || !m.config || !(m.weights instanceof Map)) {
    throw new InputError(
      `no model: got ${kindOf(model)}; build one with buildModel, loadModelFiles or randomModel`,
    );
  }
  const { vocabSize: V, blockSize } = m.config;
  const allowed = `ids are integers from 0 to ${V - 1}`;
  const isTypedArray = ArrayBuffer.isView(tokenIds) && !(tokenIds instanceof DataView);
  if (!Array.isArray(tokenIds) && !isTypedArray) {
    throw new InputError(`token ids must be an array of integers, got ${kindOf(tokenIds)}`);
  }
  if (tokenIds.length === 0) {
    throw new InputError('no tokens: the model needs at least one token id to read');
  }
  if (tokenIds.length > blockSize) {
    throw new InputError(
      `${tokenIds.length} tokens is more than the model's context of ${blockSize} (blockSize)`,
    );
  }
  for (let pos = 0; pos < tokenIds.length; pos++) {
    const id: unknown = tokenIds[pos];
    if (typeof id !== 'number') {
      const shown = typeof id === 'string' ? JSON.stringify(id) : String(id);
      throw new InputError(
        `token id ${shown} at position ${pos} is ${kindOf(id)}, not a number: ${allowed}`,
      );
    }
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new InputError(`token id ${id} at position ${pos} is not allowed: ${allowed}`);
    }
  }
}

/**
 * Runs the model on a sequence of token ids.
 * @param model config and validated weights (buildModel or randomModel)
 * @param tokenIds T ids, 1 <= T <= blockSize, each an integer in [0, V); an array or typed array
 * @returns logits (T, V), probs (T, V) and the full trace
 * @throws InputError when the ids cannot be run
 */
export function forward(model: Model, tokenIds: ArrayLike<number>): ForwardResult {
  checkTokens(model, tokenIds);
  const ids = Array.from(tokenIds); // (T)
  const { config, weights } = model;
  const T = ids.length;
  const steps: Step[] = [];
  const w = (name: string): Tensor => {
    const t = weights.get(name);
    if (!t) throw new Error(`forward: the model has no weight ${name}; build it with buildModel`);
    return t;
  };
  const wb = (name: string): Tensor | null => (config.bias ? w(name) : null);
  const biasName = (name: string): string[] => (config.bias ? [name] : []);
  const record = (
    name: string,
    kind: StepKind,
    layer: number | null,
    inputs: string[],
    output: Tensor,
    formula: string,
  ): Tensor => {
    steps.push({ index: steps.length, name, kind, layer, head: null, inputs, output, formula });
    return output;
  };

  // LayerNorm in its four recorded parts; returns the normalized output (T, C).
  const layerNorm = (hook: string, param: string, layer: number | null, x: string, xt: Tensor) => {
    const { mean, scale } = layerNormStats(xt, config.layerNormEps); // (T), (T)
    record(`${hook}.hook_mean`, 'ln_mean', layer, [x], mean, FORMULA.lnMean);
    record(
      `${hook}.hook_scale`,
      'ln_scale',
      layer,
      [x, `${hook}.hook_mean`],
      scale,
      FORMULA.lnScale,
    );
    const xhat = normalize(xt, mean, scale); // (T, C)
    const stats = [x, `${hook}.hook_mean`, `${hook}.hook_scale`];
    record(`${hook}.hook_normalized`, 'ln_normalize', layer, stats, xhat, FORMULA.lnNormalize);
    const out = affine(xhat, w(`${param}.weight`), wb(`${param}.bias`)); // (T, C)
    const inputs = [`${hook}.hook_normalized`, `${param}.weight`, ...biasName(`${param}.bias`)];
    return record(`${hook}.hook_out`, 'ln_affine', layer, inputs, out, FORMULA.lnAffine);
  };

  // Embeddings: token rows plus positions.
  const tokEmb = embedding(w(WTE), ids); // (T, C)
  record('hook_embed', 'embed', null, [INPUT_IDS, WTE], tokEmb, FORMULA.embed);
  const learned = config.posEncoding === 'learned';
  const posEmb = learned ? positionRows(w(WPE), T) : sinusoidalTable(T, config.nEmbd); // (T, C)
  const posInputs = learned ? [WPE] : [INPUT_IDS];
  const posFormula = learned ? FORMULA.posLearned : FORMULA.posSinusoid;
  record('hook_pos_embed', 'pos_embed', null, posInputs, posEmb, posFormula);
  let x = add(tokEmb, posEmb); // (T, C)
  let xName = 'blocks.0.hook_resid_pre';
  record(xName, 'add', 0, ['hook_embed', 'hook_pos_embed'], x, FORMULA.embedSum);

  for (let l = 0; l < config.nLayer; l++) {
    const b = `blocks.${l}`;
    const p = `transformer.h.${l}`;

    // Attention: qkv projection, heads, scores, mask, pattern, mix, per-head output.
    const ln1 = layerNorm(`${b}.ln1`, `${p}.ln_1`, l, xName, x); // (T, C)
    const qkvW = `${p}.attn.c_attn`;
    const qkv = linear(ln1, w(`${qkvW}.weight`), wb(`${qkvW}.bias`), 'd_qkv'); // (T, 3C)
    const qkvIn = [`${b}.ln1.hook_out`, `${qkvW}.weight`, ...biasName(`${qkvW}.bias`)];
    record(`${b}.attn.hook_qkv`, 'linear', l, qkvIn, qkv, FORMULA.qkv);
    const qkvName = [`${b}.attn.hook_qkv`];
    const q = splitHeads(qkv, 'q', config.nHead); // (T, nh, hs)
    record(`${b}.attn.hook_q`, 'split_heads', l, qkvName, q, FORMULA.q);
    const k = splitHeads(qkv, 'k', config.nHead); // (T, nh, hs)
    record(`${b}.attn.hook_k`, 'split_heads', l, qkvName, k, FORMULA.k);
    const v = splitHeads(qkv, 'v', config.nHead); // (T, nh, hs)
    record(`${b}.attn.hook_v`, 'split_heads', l, qkvName, v, FORMULA.v);
    const raw = attentionScores(q, k); // (nh, T, T)
    const qk = [`${b}.attn.hook_q`, `${b}.attn.hook_k`];
    record(`${b}.attn.hook_attn_scores_raw`, 'attn_scores', l, qk, raw, FORMULA.scores);
    const scores = causalMask(raw); // (nh, T, T)
    const rawName = [`${b}.attn.hook_attn_scores_raw`];
    record(`${b}.attn.hook_attn_scores`, 'causal_mask', l, rawName, scores, FORMULA.mask);
    const pattern = softmax(scores); // (nh, T, T)
    const scoresName = [`${b}.attn.hook_attn_scores`];
    record(`${b}.attn.hook_pattern`, 'softmax', l, scoresName, pattern, FORMULA.pattern);
    const z = attentionMix(pattern, v); // (T, nh, hs)
    const pv = [`${b}.attn.hook_pattern`, `${b}.attn.hook_v`];
    record(`${b}.attn.hook_z`, 'attn_mix', l, pv, z, FORMULA.z);
    const projW = `${p}.attn.c_proj`;
    const result = headResults(z, w(`${projW}.weight`)); // (T, nh, C)
    const zw = [`${b}.attn.hook_z`, `${projW}.weight`];
    record(`${b}.attn.hook_result`, 'head_result', l, zw, result, FORMULA.result);
    const attnOut = sumHeads(result, wb(`${projW}.bias`)); // (T, C)
    const rb = [`${b}.attn.hook_result`, ...biasName(`${projW}.bias`)];
    record(`${b}.hook_attn_out`, 'add', l, rb, attnOut, FORMULA.attnOut);
    const mid = add(x, attnOut); // (T, C)
    const midIn = [xName, `${b}.hook_attn_out`];
    record(`${b}.hook_resid_mid`, 'add', l, midIn, mid, FORMULA.residMid);

    // MLP: expand, GELU, project back.
    const ln2 = layerNorm(`${b}.ln2`, `${p}.ln_2`, l, `${b}.hook_resid_mid`, mid); // (T, C)
    const fcW = `${p}.mlp.c_fc`;
    const pre = linear(ln2, w(`${fcW}.weight`), wb(`${fcW}.bias`), 'd_mlp'); // (T, M)
    const preIn = [`${b}.ln2.hook_out`, `${fcW}.weight`, ...biasName(`${fcW}.bias`)];
    record(`${b}.mlp.hook_pre`, 'linear', l, preIn, pre, FORMULA.mlpPre);
    const post = gelu(pre, config.activation); // (T, M)
    const geluFormula = config.activation === 'gelu' ? FORMULA.geluExact : FORMULA.geluTanh;
    record(`${b}.mlp.hook_post`, 'gelu', l, [`${b}.mlp.hook_pre`], post, geluFormula);
    const mlpW = `${p}.mlp.c_proj`;
    const mlpOut = linear(post, w(`${mlpW}.weight`), wb(`${mlpW}.bias`), 'd_model'); // (T, C)
    const outIn = [`${b}.mlp.hook_post`, `${mlpW}.weight`, ...biasName(`${mlpW}.bias`)];
    record(`${b}.hook_mlp_out`, 'linear', l, outIn, mlpOut, FORMULA.mlpOut);
    x = add(mid, mlpOut); // (T, C)
    const postIn = [`${b}.hook_resid_mid`, `${b}.hook_mlp_out`];
    record(`${b}.hook_resid_post`, 'add', l, postIn, x, FORMULA.residPost);
    xName = `${b}.hook_resid_post`;
  }

  // Final LayerNorm, LM head, probabilities.
  const lnF = layerNorm('ln_final', 'transformer.ln_f', null, xName, x); // (T, C)
  const logits = linear(lnF, w(LM_HEAD), null, 'vocab'); // (T, V)
  const bad = logits.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const [pos, entry] = [Math.floor(bad / config.vocabSize), bad % config.vocabSize];
    const where = `logit ${entry} at position ${pos}`;
    throw new WeightError(
      Number.isNaN(logits.data[bad])
        ? `the forward pass produced NaN (${where}): a weight is not a number, or a value ` +
            'overflowed on the way'
        : `the forward pass overflowed: ${where} is ${logits.data[bad]}; the weights are too large`,
    );
  }
  record('hook_logits', 'unembed', null, ['ln_final.hook_out', LM_HEAD], logits, FORMULA.logits);
  const probs = softmax(logits); // (T, V)
  record('hook_probs', 'softmax', null, ['hook_logits'], probs, FORMULA.probs);

  return { logits, probs, trace: { config, tokens: ids, steps } };
}
