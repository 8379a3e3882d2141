/**
 * Tensors: a flat row-major Float32Array with a shape and one name per axis.
 *
 * Axis legend (used across the engine):
 *   pos        token position, T of them
 *   d_model    the residual stream width, C = nEmbd
 *   head       attention head, nh of them
 *   d_head     width of one head, hs = C / nh
 *   query_pos  the attending position (rows of a pattern)
 *   key_pos    the attended position (columns of a pattern)
 *   d_mlp      MLP hidden width, mlpRatio * C
 *   vocab      vocabulary entry
 *   d_qkv      the concatenated q, k and v channels, 3 * C
 *   d_in       a linear layer's input features (generic weights)
 */

export type Axis =
  | 'pos'
  | 'd_model'
  | 'head'
  | 'd_head'
  | 'query_pos'
  | 'key_pos'
  | 'd_mlp'
  | 'vocab'
  | 'd_qkv'
  | 'd_in';

export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly axes: readonly Axis[];
}

/** Number of elements a shape holds. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Wraps data as a tensor, checking that shape, axes and length agree.
 * @throws Error when the rank of shape and axes differ or data has the wrong length.
 */
export function tensor(
  data: Float32Array,
  shape: readonly number[],
  axes: readonly Axis[],
): Tensor {
  if (shape.length !== axes.length) {
    throw new Error(`tensor: shape [${shape}] has ${shape.length} axes but ${axes.length} names`);
  }
  if (data.length !== numel(shape)) {
    throw new Error(
      `tensor: shape [${shape}] holds ${numel(shape)} values, data has ${data.length}`,
    );
  }
  return { data, shape: [...shape], axes: [...axes] };
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], axes: readonly Axis[]): Tensor {
  return tensor(new Float32Array(numel(shape)), shape, axes);
}
