import { describe, expect, it } from 'vitest';
import { layerNormBackward } from './layernorm-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';
import { LAYER_NORM_EPS } from '../model/config.ts';

const T = 3;
const C = 6;

/** Two-pass LayerNorm in float64: returns y and the recorded xhat and scale. */
function layerNorm(x: Float64Array, gamma: Float64Array, beta: Float64Array) {
  const y = new Float64Array(T * C); // (T, C)
  const xhat = new Float64Array(T * C); // (T, C)
  const scale = new Float64Array(T); // (T)
  for (let t = 0; t < T; t++) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += x[t * C + c] / C;
    let v = 0;
    for (let c = 0; c < C; c++) v += (x[t * C + c] - mean) ** 2 / C;
    scale[t] = Math.sqrt(v + LAYER_NORM_EPS);
    for (let c = 0; c < C; c++) {
      xhat[t * C + c] = (x[t * C + c] - mean) / scale[t];
      y[t * C + c] = gamma[c] * xhat[t * C + c] + beta[c];
    }
  }
  return { y, xhat, scale };
}

describe('layerNormBackward', () => {
  it('matches finite differences for x, gamma and beta', () => {
    // L = sum(LN(x) * R); float64, tolerance 1e-7 relative (observed ~1e-10).
    const x = randomF64(T * C, 1, 2);
    const gamma = randomF64(C, 2).map((g) => 1 + 0.3 * g);
    const beta = randomF64(C, 3);
    const r = randomF64(T * C, 4);
    const loss = () => dot(layerNorm(x, gamma, beta).y, r);
    const { xhat, scale } = layerNorm(x, gamma, beta);
    const dx = new Float64Array(T * C);
    const dGamma = new Float64Array(C);
    const dBeta = new Float64Array(C);
    layerNormBackward(xhat, scale, gamma, r, { dx, dGamma, dBeta });
    const errs = {
      x: relError(dx, numericGrad(loss, x)),
      gamma: relError(dGamma, numericGrad(loss, gamma)),
      beta: relError(dBeta, numericGrad(loss, beta)),
    };
    console.log('layernorm grad rel. errors', errs);
    for (const e of Object.values(errs)) expect(e).toBeLessThan(1e-7);
  });

  it('gives an input gradient that sums to zero over each row (the mean is removed)', () => {
    const x = randomF64(T * C, 5);
    const gamma = new Float64Array(C).fill(1);
    const { xhat, scale } = layerNorm(x, gamma, new Float64Array(C));
    const dx = new Float64Array(T * C);
    layerNormBackward(xhat, scale, gamma, randomF64(T * C, 6), {
      dx,
      dGamma: new Float64Array(C),
      dBeta: null,
    });
    for (let t = 0; t < T; t++) {
      expect(dx.subarray(t * C, t * C + C).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    }
  });
});
