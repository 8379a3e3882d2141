/**
 * Backward of LayerNorm y = gamma * xhat + beta, xhat = (x - mean) / scale,
 * scale = sqrt(biased variance + eps), normalised over the last axis.
 *
 * Dimension legend:
 *   T   rows (token positions)
 *   C   normalised width (d_model)
 *
 * With g = dy * gamma, the input gradient is
 *   dx = (g - mean(g) - xhat * mean(g * xhat)) / scale
 * (mean over C), so it only needs what the forward recorded: xhat and scale.
 */
import type { Floats } from './linear-grad.ts';

/** Where the LayerNorm backward adds its gradients; a null buffer is skipped. */
export interface LayerNormGrads {
  /** dL/dx (T, C). */
  readonly dx: Floats;
  /** dL/dgamma (C). */
  readonly dGamma: Floats;
  /** dL/dbeta (C), or null for a LayerNorm without bias. */
  readonly dBeta: Floats | null;
}

/**
 * Adds the gradients of a LayerNorm given dL/dy.
 * @param xhat  normalised input (T, C), the recorded hook_normalized
 * @param scale sqrt(var + eps) per row (T), the recorded hook_scale
 * @param gamma LayerNorm weight (C)
 * @param dy    gradient of the output (T, C)
 * @param grads receives dx (T, C), dGamma (C), dBeta (C)
 */
export function layerNormBackward(
  xhat: Floats,
  scale: Floats,
  gamma: Floats,
  dy: Floats,
  grads: LayerNormGrads,
): void {
  const C = gamma.length;
  const T = scale.length;
  const { dx, dGamma, dBeta } = grads;
  for (let t = 0; t < T; t++) {
    const row = t * C;

    // pass 1: parameter gradients and the two row means of g = dy * gamma
    let meanG = 0;
    let meanGXhat = 0;
    for (let c = 0; c < C; c++) {
      const d = dy[row + c];
      const xh = xhat[row + c];
      dGamma[c] += d * xh;
      if (dBeta) dBeta[c] += d;
      const g = d * gamma[c];
      meanG += g;
      meanGXhat += g * xh;
    }
    meanG /= C;
    meanGXhat /= C;

    // pass 2: the input gradient   (T, C)
    const inv = 1 / scale[t];
    for (let c = 0; c < C; c++) {
      const g = dy[row + c] * gamma[c];
      dx[row + c] += (g - meanG - xhat[row + c] * meanGXhat) * inv;
    }
  }
}
