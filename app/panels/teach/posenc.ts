/**
 * Position tables for the positional-encoding panel: how similar positions are (dot products)
 * and the wavelength of each sinusoid column. Pure. Legend: T positions, d width.
 */
import { SINUSOID_BASE } from '../../../engine/model/config.ts';

/**
 * Dot products of every pair of position rows.
 * @param table (T, d) row-major position vectors
 * @returns (T, T) with entry [p, q] = table[p] · table[q]
 */
export function positionSimilarity(table: Float32Array, T: number, d: number): Float32Array {
  const out = new Float32Array(T * T); // (T, T)
  for (let p = 0; p < T; p++) {
    for (let q = 0; q <= p; q++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += table[p * d + j] * table[q * d + j];
      out[p * T + q] = s;
      out[q * T + p] = s;
    }
  }
  return out;
}

/** Wavelength, in positions, of column `dim` of a width-d sinusoid table: 2π · base^(2i/d). */
export function wavelength(dim: number, d: number): number {
  const i2 = dim - (dim % 2);
  return 2 * Math.PI * Math.pow(SINUSOID_BASE, i2 / d);
}

/** The formula's value at position p, dimension dim: sin for even dims, cos for odd. */
export function sinusoidValue(p: number, dim: number, d: number): number {
  const angle = (2 * Math.PI * p) / wavelength(dim, d);
  return dim % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
}

/** Smallest and largest entry, for a colour scale. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return [lo, hi];
}
