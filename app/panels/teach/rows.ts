/**
 * Reading one row of a recorded tensor for the teaching panels. Pure.
 */
import type { Tensor } from '../../../engine/tensor.ts';
import type { Trace } from '../../../engine/trace.ts';

/** The output of the step with this name, or undefined when the trace has none. */
export const stepOutput = (trace: Trace, name: string): Tensor | undefined =>
  trace.steps.find((s) => s.name === name)?.output;

/** Row r of a (rows, cols) tensor, as a view. */
export function row(t: Tensor, r: number): Float32Array {
  const cols = t.data.length / t.shape[0];
  return t.data.subarray(r * cols, (r + 1) * cols);
}

/** Mean and biased standard deviation of a row, in float64. */
export function rowStats(v: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length) };
}
