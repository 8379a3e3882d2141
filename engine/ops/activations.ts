/**
 * GELU, exact (through erf) and in GPT-2's tanh approximation, plus the erf it needs.
 *
 * Dimension legend: any shape S; the activations act elementwise.
 */
import type { Activation } from '../model/config.ts';
import { tensor, type Tensor } from '../tensor.ts';

/** 2 / sqrt(pi), the factor in front of erf's integral. */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
/** Below this |x| erf uses its power series, above it the continued fraction of erfc. */
const ERF_SERIES_LIMIT = 3;
/** Beyond this |x|, erfc(x) < 1e-17: erf is +-1 in float64. */
const ERF_SATURATION = 6;
/** Series terms stop once they fall under this fraction of the sum (below float64 precision). */
const SERIES_TOLERANCE = 1e-17;
/** Cap on series terms; x < 3 needs about 45. */
const SERIES_MAX_TERMS = 200;
/** Depth of the erfc continued fraction; 60 levels give float64 accuracy for x >= 3. */
const CF_DEPTH = 60;
/** sqrt(2 / pi), in GPT-2's tanh approximation of GELU (Hendrycks and Gimpel, 2016). */
const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
/** Cubic coefficient of the tanh approximation (Hendrycks and Gimpel, 2016). */
const GELU_TANH_CUBIC = 0.044715;

/**
 * The error function, accurate to about 1e-15 (far beyond float32).
 * |x| < 3: erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1*3*...*(2n+1)), a series of
 * positive terms, so no cancellation. |x| >= 3: 1 - erfc(x), with erfc from its continued fraction
 * erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (ax >= ERF_SATURATION) return sign;

  if (ax < ERF_SERIES_LIMIT) {
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < SERIES_MAX_TERMS; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < SERIES_TOLERANCE * sum) break;
    }
    return sign * TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }

  // Continued fraction, evaluated from the deepest level up.
  let f = ax;
  for (let k = CF_DEPTH; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
  return sign * (1 - erfc);
}

/** Exact GELU: x * Phi(x) = x/2 * (1 + erf(x / sqrt(2))). */
export function geluExact(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

/** GELU's tanh approximation (GPT-2, minGPT's NewGELU): x/2 (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))). */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_TWO_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x)));
}

/**
 * GELU applied elementwise.
 * @param x any shape S
 * @param kind 'gelu' (exact, erf) or 'gelu_tanh' (the tanh approximation)
 * @returns a new tensor of shape S with x's axes
 */
export function gelu(x: Tensor, kind: Activation): Tensor {
  const f = kind === 'gelu' ? geluExact : geluTanh;
  const src = x.data;
  const out = new Float32Array(src.length); // S
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return tensor(out, x.shape, x.axes);
}
