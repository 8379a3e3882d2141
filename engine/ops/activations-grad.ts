/**
 * Backward of the two GELUs the MLP may use.
 *
 * Dimension legend:
 *   n   elements (T * d_mlp, flattened)
 *
 * Exact:  gelu(x) = x Phi(x)                       gelu'(x) = Phi(x) + x phi(x)
 * Tanh:   gelu(x) = x/2 (1 + tanh(u)),  u = sqrt(2/pi) (x + a x^3)
 *         gelu'(x) = (1 + tanh u)/2 + x/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 a x^2)
 * with Phi, phi the standard normal CDF and density, a = 0.044715.
 */
import { erf } from './activations.ts';
import type { Floats } from './linear-grad.ts';

/** Cubic coefficient of the tanh GELU (Hendrycks & Gimpel 2016; GPT-2, minGPT NewGELU). */
const GELU_TANH_CUBIC = 0.044715;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * Adds dL/dx for the exact (erf) GELU.
 * @param x  activation input (n), the recorded mlp.hook_pre
 * @param dy gradient of the output (n)
 * @param dx gradient of the input (n), added to in place
 */
export function geluBackward(x: Floats, dy: Floats, dx: Floats): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const cdf = 0.5 * (1 + erf(xi * INV_SQRT_2));
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * xi * xi);
    dx[i] += dy[i] * (cdf + xi * pdf);
  }
}

/**
 * Adds dL/dx for the tanh approximation of GELU.
 * @param x  activation input (n), the recorded mlp.hook_pre
 * @param dy gradient of the output (n)
 * @param dx gradient of the input (n), added to in place
 */
export function geluTanhBackward(x: Floats, dy: Floats, dx: Floats): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const th = Math.tanh(SQRT_2_OVER_PI * (xi + GELU_TANH_CUBIC * xi * xi * xi));
    const du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * xi * xi);
    dx[i] += dy[i] * (0.5 * (1 + th) + 0.5 * xi * (1 - th * th) * du);
  }
}
