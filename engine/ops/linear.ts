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

/** Register block of gemmNT: 4 rows of a times 2 rows of b, 8 sums kept in registers. */
const BLOCK_M = 4;
const BLOCK_N = 2;

/** A row-major matrix view inside a flat array: element (r, c) is at `offset + r * stride + c`. */
export interface MatView {
  readonly data: Float32Array;
  readonly offset: number;
  readonly stride: number;
}

/** sum_k A[i + k] * B[j + k] over K values. */
function dot(A: Float32Array, i: number, B: Float32Array, j: number, K: number): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += A[i + k] * B[j + k];
  return s;
}

/**
 * out(m, n) = bias(n) + sum_k a(m, k) * b(n, k): a times b transposed, both read along
 * contiguous rows. a (M, K), b (N, K), bias (N) or null, out (M, N).
 * Blocks of 4 x 2 outputs share their loads: per k, 6 loads feed 8 multiply-adds.
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
  const aS = a.stride;
  const oS = out.stride;
  const mEnd = M - (M % BLOCK_M);
  const nEnd = N - (N % BLOCK_N);

  // Full 4 x 2 blocks.
  for (let n = 0; n < nEnd; n += BLOCK_N) {
    const w0 = b.offset + n * b.stride;
    const w1 = w0 + b.stride;
    const c0 = bias ? bias[n] : 0;
    const c1 = bias ? bias[n + 1] : 0;
    for (let m = 0; m < mEnd; m += BLOCK_M) {
      const x0 = a.offset + m * aS;
      const x1 = x0 + aS;
      const x2 = x1 + aS;
      const x3 = x2 + aS;
      // prettier-ignore
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let k = 0; k < K; k++) {
        const u = B[w0 + k];
        const v = B[w1 + k];
        let x = A[x0 + k];
        s00 += x * u;
        s01 += x * v;
        x = A[x1 + k];
        s10 += x * u;
        s11 += x * v;
        x = A[x2 + k];
        s20 += x * u;
        s21 += x * v;
        x = A[x3 + k];
        s30 += x * u;
        s31 += x * v;
      }
      const o = out.offset + m * oS + n;
      O[o] = c0 + s00;
      O[o + 1] = c1 + s01;
      O[o + oS] = c0 + s10;
      O[o + oS + 1] = c1 + s11;
      O[o + 2 * oS] = c0 + s20;
      O[o + 2 * oS + 1] = c1 + s21;
      O[o + 3 * oS] = c0 + s30;
      O[o + 3 * oS + 1] = c1 + s31;
    }
  }

  // Leftover rows (M not a multiple of 4) for the paired columns, then a last odd column.
  for (let m = mEnd; m < M; m++) {
    for (let n = 0; n < nEnd; n++) {
      const s = dot(A, a.offset + m * aS, B, b.offset + n * b.stride, K);
      O[out.offset + m * oS + n] = (bias ? bias[n] : 0) + s;
    }
  }
  for (let n = nEnd; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const s = dot(A, a.offset + m * aS, B, b.offset + n * b.stride, K);
      O[out.offset + m * oS + n] = (bias ? bias[n] : 0) + s;
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
