/**
 * Matrix products: the linear layer (as nn.Linear stores its weight) and a plain matmul.
 *
 * Dimension legend:
 *   T      rows of the input (token positions)
 *   nIn    input features, nOut output features
 *   M, K, N  a matmul (M, K) @ (K, N) -> (M, N)
 *
 * The kernels work on flat Float32Arrays with offsets and row strides, so that attention can run
 * them on one head's slice without copying it out. Sums accumulate in JS numbers (float64) and are
 * rounded to float32 once, when stored.
 */
import { tensor, type Axis, type Tensor } from '../tensor.ts';

/** Rows of `a` handled together by gemmNT, so that each row of `b` is read once per block. */
const ROW_BLOCK = 4;

/** A row-major matrix view inside a flat array: element (r, c) is at `offset + r * stride + c`. */
export interface MatView {
  readonly data: Float32Array;
  readonly offset: number;
  readonly stride: number;
}

/**
 * out(m, n) = bias(n) + sum_k a(m, k) * b(n, k): a times b transposed, both read along
 * contiguous rows. a (M, K), b (N, K), bias (N) or null, out (M, N).
 */
export function gemmNT(
  out: MatView,
  a: MatView,
  b: MatView,
  bias: Float32Array | null,
  M: number,
  N: number,
  K: number,
): void {
  const A = a.data;
  const B = b.data;
  const O = out.data;
  for (let n = 0; n < N; n++) {
    const bn = b.offset + n * b.stride;
    const b0 = bias ? bias[n] : 0;
    let m = 0;

    // Blocks of ROW_BLOCK rows of a share each load of b's row n.
    for (; m + ROW_BLOCK <= M; m += ROW_BLOCK) {
      const a0 = a.offset + m * a.stride;
      const a1 = a0 + a.stride;
      const a2 = a1 + a.stride;
      const a3 = a2 + a.stride;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const w = B[bn + k];
        s0 += A[a0 + k] * w;
        s1 += A[a1 + k] * w;
        s2 += A[a2 + k] * w;
        s3 += A[a3 + k] * w;
      }
      const o = out.offset + m * out.stride + n;
      O[o] = b0 + s0;
      O[o + out.stride] = b0 + s1;
      O[o + 2 * out.stride] = b0 + s2;
      O[o + 3 * out.stride] = b0 + s3;
    }

    // The remaining rows one at a time.
    for (; m < M; m++) {
      const am = a.offset + m * a.stride;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[am + k] * B[bn + k];
      O[out.offset + m * out.stride + n] = b0 + s;
    }
  }
}

/**
 * out(m, n) = sum_k a(m, k) * b(k, n): a plain product with the inner loop along b's rows.
 * a (M, K), b (K, N), out (M, N). `acc` is an optional float64 scratch of at least N values.
 */
export function gemmNN(
  out: MatView,
  a: MatView,
  b: MatView,
  M: number,
  N: number,
  K: number,
  acc: Float64Array = new Float64Array(N),
): void {
  const A = a.data;
  const B = b.data;
  const O = out.data;
  for (let m = 0; m < M; m++) {
    acc.fill(0, 0, N);
    const am = a.offset + m * a.stride;
    for (let k = 0; k < K; k++) {
      const x = A[am + k];
      if (x === 0) continue; // masked attention weights are exactly 0: nothing to add
      const bk = b.offset + k * b.stride;
      for (let n = 0; n < N; n++) acc[n] += x * B[bk + n];
    }
    const om = out.offset + m * out.stride;
    for (let n = 0; n < N; n++) O[om + n] = acc[n];
  }
}

/** A whole flat array as rows of `stride` values. */
export const rows = (data: Float32Array, stride: number): MatView => ({ data, offset: 0, stride });

/**
 * The linear layer y = x W^T + b, with W laid out (out_features, in_features) as nn.Linear stores it.
 * @param x input (T, nIn)
 * @param weight W (nOut, nIn)
 * @param bias b (nOut), or null for a layer without bias
 * @param outAxis name of the output feature axis
 * @returns y (T, nOut) with axes (x.axes[0], outAxis)
 * @throws Error when the shapes do not agree
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null, outAxis: Axis): Tensor {
  const [T, nIn] = x.shape;
  const [nOut, wIn] = weight.shape;
  if (x.shape.length !== 2 || weight.shape.length !== 2 || wIn !== nIn) {
    throw new Error(`linear: input [${x.shape}] does not fit weight [${weight.shape}]`);
  }
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== nOut)) {
    throw new Error(`linear: bias [${bias.shape}] does not fit weight [${weight.shape}]`);
  }
  const y = new Float32Array(T * nOut); // (T, nOut)
  gemmNT(
    rows(y, nOut),
    rows(x.data, nIn),
    rows(weight.data, nIn),
    bias ? bias.data : null,
    T,
    nOut,
    nIn,
  );
  return tensor(y, [T, nOut], [x.axes[0], outAxis]);
}

/**
 * Matrix product a @ b.
 * @param a (M, K)
 * @param b (K, N)
 * @returns (M, N) with axes (a.axes[0], b.axes[1])
 * @throws Error when the inner sizes differ
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape;
  const [bK, N] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || K !== bK) {
    throw new Error(`matmul: [${a.shape}] @ [${b.shape}] does not fit`);
  }
  const c = new Float32Array(M * N); // (M, N)
  gemmNN(rows(c, N), rows(a.data, K), rows(b.data, N), M, N, K);
  return tensor(c, [M, N], [a.axes[0], b.axes[1]]);
}
