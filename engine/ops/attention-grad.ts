/**
 * Backward of causal multi-head self-attention, from the output z back to q, k and v:
 *   S = q k^T / sqrt(hs) with future keys masked, P = softmax(S), z = P v   (per head).
 *
 * Dimension legend:
 *   T    token positions (query_pos and key_pos)
 *   nh   heads
 *   hs   width of one head (d_head)
 *   C    nh * hs (d_model)
 *
 * q, k, v and z are laid out (pos, head, d_head) = (T, nh, hs), the pattern (head, query_pos,
 * key_pos) = (nh, T, T). The gradients land in one (T, 3C) buffer laid out like the forward's
 * hook_qkv (q, k, v side by side, as c_attn's output is split), so it feeds c_attn's backward.
 * Masked pairs (key after query) have P = 0 and are skipped: they get no gradient.
 */
import type { Floats } from './linear-grad.ts';

/** Sizes of one attention call. */
export interface AttentionDims {
  readonly T: number;
  readonly nh: number;
  readonly hs: number;
}

/**
 * Adds dL/dq, dL/dk, dL/dv into dqkv given dL/dz.
 * @param q       queries (T, nh, hs)
 * @param k       keys (T, nh, hs)
 * @param v       values (T, nh, hs)
 * @param pattern attention weights after softmax (nh, T, T)
 * @param dz      gradient of the mixed values (T, nh, hs)
 * @param dqkv    gradient of the concatenated q, k, v (T, 3C), added to in place
 */
export function attentionBackward(
  q: Floats,
  k: Floats,
  v: Floats,
  pattern: Floats,
  dz: Floats,
  dims: AttentionDims,
  dqkv: Floats,
): void {
  const { T, nh, hs } = dims;
  const C = nh * hs;
  const C3 = 3 * C;
  const scale = 1 / Math.sqrt(hs);
  const dp = new Float64Array(T); // dL/dP for one query row   (key_pos)

  for (let h = 0; h < nh; h++) {
    const hOff = h * hs;
    for (let i = 0; i < T; i++) {
      const pRow = (h * T + i) * T;
      const zi = i * C + hOff;

      // dP[i, j] = dz[i] . v[j], and dv[j] += P[i, j] dz[i]   (j <= i only)
      let dot = 0;
      for (let j = 0; j <= i; j++) {
        const vj = j * C + hOff;
        const pij = pattern[pRow + j];
        let s = 0;
        for (let d = 0; d < hs; d++) s += dz[zi + d] * v[vj + d];
        dp[j] = s;
        dot += pij * s;
        const dvj = j * C3 + 2 * C + hOff;
        for (let d = 0; d < hs; d++) dqkv[dvj + d] += pij * dz[zi + d];
      }

      // softmax backward, then dq[i] += dS k[j] / sqrt(hs), dk[j] += dS q[i] / sqrt(hs)
      const dqi = i * C3 + hOff;
      for (let j = 0; j <= i; j++) {
        const dS = pattern[pRow + j] * (dp[j] - dot) * scale;
        if (dS === 0) continue;
        const kj = j * C + hOff;
        const dkj = j * C3 + C + hOff;
        for (let d = 0; d < hs; d++) {
          dqkv[dqi + d] += dS * k[kj + d];
          dqkv[dkj + d] += dS * q[zi + d];
        }
      }
    }
  }
}
