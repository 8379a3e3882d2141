/**
 * LayerNorm over the last axis, in the four recorded parts: mean, scale, normalized, affine.
 *
 * Dimension legend:
 *   T   rows (token positions)
 *   C   features normalized together (d_model)
 *
 * The variance is biased (divided by C, as nn.LayerNorm does) and computed in two passes, the
 * mean first and then the mean of squared deviations, which stays accurate when |mean| >> spread.
 */
import { tensor, type Tensor } from '../tensor.ts';

/** The four tensors one LayerNorm records. */
export interface LayerNormParts {
  /** Row means (pos), (T). */
  readonly mean: Tensor;
  /** sqrt(biased variance + eps) per row (pos), (T). */
  readonly scale: Tensor;
  /** (x - mean) / scale (pos, d_model), (T, C). */
  readonly normalized: Tensor;
  /** gamma * normalized + beta (pos, d_model), (T, C). */
  readonly out: Tensor;
}

/**
 * Row means and scales of x.
 * @param x (T, C)
 * @param eps added to the variance before the square root
 * @returns mean (T) and scale = sqrt(var + eps) (T), both with axis x.axes[0]
 */
export function layerNormStats(x: Tensor, eps: number): { mean: Tensor; scale: Tensor } {
  const [T, C] = x.shape;
  const d = x.data;
  const mean = new Float32Array(T); // (T)
  const scale = new Float32Array(T); // (T)
  for (let t = 0; t < T; t++) {
    const row = t * C;

    // Pass 1: the mean.
    let sum = 0;
    for (let i = 0; i < C; i++) sum += d[row + i];
    const mu = sum / C;

    // Pass 2: the mean of squared deviations from it.
    let sq = 0;
    for (let i = 0; i < C; i++) {
      const dev = d[row + i] - mu;
      sq += dev * dev;
    }
    mean[t] = mu;
    scale[t] = Math.sqrt(sq / C + eps);
  }
  return { mean: tensor(mean, [T], [x.axes[0]]), scale: tensor(scale, [T], [x.axes[0]]) };
}

/**
 * (x - mean) / scale, row by row.
 * @param x (T, C)
 * @param mean (T)
 * @param scale (T)
 * @returns xhat (T, C) with x's axes
 */
export function normalize(x: Tensor, mean: Tensor, scale: Tensor): Tensor {
  const [T, C] = x.shape;
  const out = new Float32Array(T * C); // (T, C)
  for (let t = 0; t < T; t++) {
    const mu = mean.data[t];
    const inv = 1 / scale.data[t];
    for (let i = t * C; i < (t + 1) * C; i++) out[i] = (x.data[i] - mu) * inv;
  }
  return tensor(out, x.shape, x.axes);
}

/**
 * gamma * xhat + beta, per feature.
 * @param xhat (T, C)
 * @param gamma (C)
 * @param beta (C), or null for a LayerNorm without bias
 * @returns (T, C) with xhat's axes
 */
export function affine(xhat: Tensor, gamma: Tensor, beta: Tensor | null): Tensor {
  const [T, C] = xhat.shape;
  const g = gamma.data;
  const b = beta ? beta.data : null;
  const out = new Float32Array(T * C); // (T, C)
  for (let t = 0; t < T; t++) {
    const row = t * C;
    for (let i = 0; i < C; i++) out[row + i] = xhat.data[row + i] * g[i] + (b ? b[i] : 0);
  }
  return tensor(out, xhat.shape, xhat.axes);
}

/**
 * The whole LayerNorm, keeping every part.
 * @param x (T, C)
 * @param gamma (C)
 * @param beta (C) or null
 * @param eps variance epsilon (config.layerNormEps)
 * @returns mean (T), scale (T), normalized (T, C), out (T, C)
 */
export function layerNorm(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor | null,
  eps: number,
): LayerNormParts {
  const { mean, scale } = layerNormStats(x, eps);
  const normalized = normalize(x, mean, scale); // (T, C)
  return { mean, scale, normalized, out: affine(normalized, gamma, beta) }; // (T, C)
}
