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

/**
 * gemmNT's packed operands, reused from call to call (a GPT-2 forward pass makes ~300 calls).
 * A plain array that V8 keeps as unboxed doubles (PACKED_DOUBLE_ELEMENTS): it starts from a
 * non-integer so that it never holds small integers, and grows by push so it has no holes.
 * It keeps its largest size, about M x K values: 25 MB for GPT-2 small's MLP at 1024 tokens.
 */
const scratch = [0.5];

/** `d` grown to at least n values. Callers write every value they read. */
function atLeast(d: number[], n: number): number[] {
  while (d.length < n) d.push(0);
  return d;
}

/**
 * Copies `rows` rows of v, from row r0, into `dst` interleaved by column:
 * dst[at + c * rows + j] = v(r0 + j, c). Rows at or past `end` become 0.
 */
function interleave(
  dst: number[],
  at: number,
  v: MatView,
  r0: number,
  rows: number,
  end: number,
  cols: number,
): void {
  const V = v.data;
  for (let j = 0; j < rows; j++) {
    let to = at + j;
    if (r0 + j >= end) {
      for (let c = 0; c < cols; c++, to += rows) dst[to] = 0;
      continue;
    }
    const src = v.offset + (r0 + j) * v.stride;
    for (let c = 0; c < cols; c++, to += rows) dst[to] = V[src + c];
  }
}

/**
 * out(m, n) = bias(n) + sum_k a(m, k) * b(n, k): a times b transposed, both read along their rows.
 * a (M, K), b (N, K), bias (N) or null, out (M, N).
 *
 * Blocks of 4 x 2 outputs share their loads: per k, 6 loads feed 8 multiply-adds. Both operands
 * are first copied into one plain array of doubles, laid out in the order the block reads them:
 * b two rows at a time, (K, 2), then a as panels of 4 rows, (ceil(M/4), K, 4). V8 reads such an
 * array with fewer instructions per element than a Float32Array (no float32 conversion, fewer
 * checks, one array to check rather than two): the kernel runs about 1.6x faster in Node 20 and
 * Chromium. Missing rows and the column past an odd N are zeros, computed and not stored. Each
 * sum runs over k in order, as a plain dot product does, so the results do not depend on the
 * blocking.
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
  const O = out.data;
  const oS = out.stride;
  const panelSize = BLOCK_M * K;
  const wSize = BLOCK_N * K;

  // 1. a after b's two rows, as panels of 4 rows interleaved by k:
  // d[2K + m * K + 4k + r] = a(m + r, k).
  const nPanels = Math.ceil(M / BLOCK_M);
  const d = atLeast(scratch, wSize + nPanels * panelSize); // (K, 2) then (ceil(M/4), K, 4)
  for (let p = 0; p < nPanels; p++) {
    interleave(d, wSize + p * panelSize, a, p * BLOCK_M, BLOCK_M, M, K);
  }

  for (let n = 0; n < N; n += BLOCK_N) {
    // 2. Rows n and n + 1 of b, interleaved by k: d[2k + j] = b(n + j, k).
    interleave(d, 0, b, n, BLOCK_N, N, K);
    const c0 = bias ? bias[n] : 0;
    const c1 = bias && n + 1 < N ? bias[n + 1] : 0;

    // 3. Each panel times the two rows: 8 sums over k. `| 0` keeps an index a 32-bit integer,
    // so that V8 checks no overflow when adding to it.
    for (let m = 0; m < M; m += BLOCK_M) {
      let i = wSize + m * K;
      // prettier-ignore
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let j = 0; j < wSize; j += BLOCK_N) {
        const u = d[j];
        const v = d[(j + 1) | 0];
        let x = d[i];
        s00 += x * u;
        s01 += x * v;
        x = d[(i + 1) | 0];
        s10 += x * u;
        s11 += x * v;
        x = d[(i + 2) | 0];
        s20 += x * u;
        s21 += x * v;
        x = d[(i + 3) | 0];
        s30 += x * u;
        s31 += x * v;
        i = (i + BLOCK_M) | 0;
      }

      // 4. Store the block, or the part of it inside (M, N) at the edges.
      const o = out.offset + m * oS + n;
      if (m + BLOCK_M <= M && n + BLOCK_N <= N) {
        O[o] = c0 + s00;
        O[o + 1] = c1 + s01;
        O[o + oS] = c0 + s10;
        O[o + oS + 1] = c1 + s11;
        O[o + 2 * oS] = c0 + s20;
        O[o + 2 * oS + 1] = c1 + s21;
        O[o + 3 * oS] = c0 + s30;
        O[o + 3 * oS + 1] = c1 + s31;
      } else {
        const sums = [s00, s01, s10, s11, s20, s21, s30, s31]; // (4, 2)
        for (let r = 0; r < BLOCK_M && m + r < M; r++) {
          O[o + r * oS] = c0 + sums[r * BLOCK_N];
          if (n + 1 < N) O[o + r * oS + 1] = c1 + sums[r * BLOCK_N + 1];
        }
      }
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
