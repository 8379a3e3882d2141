/**
 * Elementwise sum, used for the embedding sum and the residual adds.
 *
 * Dimension legend: any shape S, the same for both operands.
 */
import { tensor, type Tensor } from '../tensor.ts';

/**
 * a + b elementwise.
 * @param a any shape S
 * @param b the same shape S
 * @returns a new tensor of shape S with a's axis names
 * @throws Error when the shapes differ
 */
export function add(a: Tensor, b: Tensor): Tensor {
  const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (!same) throw new Error(`add: shapes [${a.shape}] and [${b.shape}] differ`);
  const x = a.data;
  const y = b.data;
  const out = new Float32Array(x.length); // S
  for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
  return tensor(out, a.shape, a.axes);
}
