/**
 * Causal multi-head self-attention, in the steps the trace records: split q/k/v into heads,
 * scaled scores, causal mask, (softmax from softmax.ts), mix values, each head's output share.
 *
 * Dimension legend:
 *   T    token positions (query_pos and key_pos both run over them)
 *   C    residual width, d_model
 *   nh   heads, hs = C / nh the width of one head
 *
 * q, k, v and z are stored (T, nh, hs), which in memory is (T, C) with head h in columns
 * h*hs..(h+1)*hs: the kernels read one head as a strided view, with no copy.
 */
import { tensor, type Tensor } from '../tensor.ts';
import { gemmNN, gemmNT } from './linear.ts';

/** Value of masked (future) scores: -Infinity, as minGPT's masked_fill and TransformerLens use. */
export const MASK_VALUE = -Infinity;

/** Which third of the fused qkv projection: nanoGPT splits it as q, k, v in that order. */
export type QkvPart = 'q' | 'k' | 'v';
const PART_INDEX: Record<QkvPart, number> = { q: 0, k: 1, v: 2 };

/**
 * Cuts q, k or v out of the fused projection and views it per head.
 * @param qkv (T, 3C), columns [q | k | v]
 * @param part which of the three
 * @param nHead number of heads nh, dividing C
 * @returns (pos, head, d_head), (T, nh, hs)
 */
export function splitHeads(qkv: Tensor, part: QkvPart, nHead: number): Tensor {
  const [T, C3] = qkv.shape;
  const C = C3 / 3;
  const hs = C / nHead;
  const out = new Float32Array(T * C); // (T, nh, hs)
  const start = PART_INDEX[part] * C;
  for (let t = 0; t < T; t++) {
    out.set(qkv.data.subarray(t * C3 + start, t * C3 + start + C), t * C);
  }
  return tensor(out, [T, nHead, hs], ['pos', 'head', 'd_head']);
}

/**
 * Scaled dot-product scores of every query with every key, before masking.
 * @param q (T, nh, hs)
 * @param k (T, nh, hs)
 * @returns S[h, i, j] = q[i, h] . k[j, h] / sqrt(hs), (head, query_pos, key_pos), (nh, T, T)
 */
export function attentionScores(q: Tensor, k: Tensor): Tensor {
  const [T, nh, hs] = q.shape;
  const C = nh * hs;
  const out = new Float32Array(nh * T * T); // (nh, T, T)
  for (let h = 0; h < nh; h++) {
    const qh = { data: q.data, offset: h * hs, stride: C }; // (T, hs)
    const kh = { data: k.data, offset: h * hs, stride: C }; // (T, hs)
    gemmNT({ data: out, offset: h * T * T, stride: T }, qh, kh, null, T, T, hs); // (T, T)
  }
  const scale = 1 / Math.sqrt(hs);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return tensor(out, [nh, T, T], ['head', 'query_pos', 'key_pos']);
}

/**
 * Hides the future: entries whose key comes after the query become MASK_VALUE.
 * @param scores (nh, T, T)
 * @returns a masked copy (nh, T, T)
 */
export function causalMask(scores: Tensor): Tensor {
  const [nh, T] = scores.shape;
  const out = scores.data.slice(); // (nh, T, T)
  for (let h = 0; h < nh; h++) {
    for (let i = 0; i < T; i++)
      out.fill(MASK_VALUE, h * T * T + i * T + i + 1, h * T * T + (i + 1) * T);
  }
  return tensor(out, scores.shape, scores.axes);
}

/**
 * Each query's weighted sum of the values, per head.
 * @param pattern attention weights (nh, T, T), rows summing to 1
 * @param v (T, nh, hs)
 * @returns z[i, h] = sum_j pattern[h, i, j] v[j, h], (pos, head, d_head), (T, nh, hs)
 */
export function attentionMix(pattern: Tensor, v: Tensor): Tensor {
  const [T, nh, hs] = v.shape;
  const C = nh * hs;
  const out = new Float32Array(T * C); // (T, nh, hs)
  const acc = new Float64Array(hs);
  for (let h = 0; h < nh; h++) {
    const ph = { data: pattern.data, offset: h * T * T, stride: T }; // (T, T)
    const vh = { data: v.data, offset: h * hs, stride: C }; // (T, hs)
    gemmNN({ data: out, offset: h * hs, stride: C }, ph, vh, T, hs, T, acc); // (T, hs)
  }
  return tensor(out, [T, nh, hs], ['pos', 'head', 'd_head']);
}

/**
 * Each head's share of the output projection: z_h times head h's columns of c_proj.weight,
 * without the bias. Summing over heads and adding the bias gives the attention output.
 * @param z (T, nh, hs)
 * @param weight c_proj.weight (C, C), laid out (out_features, in_features)
 * @returns r[t, h, o] = sum_d z[t, h, d] W[o, h*hs + d], (pos, head, d_model), (T, nh, C)
 */
export function headResults(z: Tensor, weight: Tensor): Tensor {
  const [T, nh, hs] = z.shape;
  const C = nh * hs;
  const out = new Float32Array(T * nh * C); // (T, nh, C)
  for (let h = 0; h < nh; h++) {
    const zh = { data: z.data, offset: h * hs, stride: C }; // (T, hs)
    const wh = { data: weight.data, offset: h * hs, stride: C }; // (C, hs)
    gemmNT({ data: out, offset: h * C, stride: nh * C }, zh, wh, null, T, C, hs); // (T, C)
  }
  return tensor(out, [T, nh, C], ['pos', 'head', 'd_model']);
}

/**
 * The attention output: the heads' results summed, plus the projection bias.
 * @param result (T, nh, C)
 * @param bias c_proj.bias (C), or null
 * @returns (pos, d_model), (T, C)
 */
export function sumHeads(result: Tensor, bias: Tensor | null): Tensor {
  const [T, nh, C] = result.shape;
  const r = result.data;
  const out = new Float32Array(T * C); // (T, C)
  for (let t = 0; t < T; t++) {
    for (let o = 0; o < C; o++) {
      let s = bias ? bias.data[o] : 0;
      for (let h = 0; h < nh; h++) s += r[(t * nh + h) * C + o];
      out[t * C + o] = s;
    }
  }
  return tensor(out, [T, C], ['pos', 'd_model']);
}
