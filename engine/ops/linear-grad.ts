/**
 * Backward of the linear layer y = x W^T + b, with W laid out (out_features, in_features)
 * as nn.Linear stores it.
 *
 * Dimension legend:
 *   T     rows (token positions)
 *   nIn   input features (d_in)
 *   nOut  output features
 *
 * Every backward function in engine/ops/*-grad.ts ADDS into its gradient buffers (+=), so a
 * batch sums by calling it once per sequence, and an input read twice (the residual stream)
 * gets both contributions. They work on float32 (training) or float64 (gradient checks).
 */

/** The typed arrays the backward kernels accept. */
export type Floats = Float32Array | Float64Array;

/** Sizes of one linear layer call. */
export interface LinearDims {
  /** Rows of x and y. */
  readonly T: number;
  /** Input features. */
  readonly nIn: number;
  /** Output features. */
  readonly nOut: number;
}

/** Where the linear backward adds its gradients; a null buffer is skipped. */
export interface LinearGrads {
  /** dL/dx (T, nIn), or null when the input needs no gradient. */
  readonly dx: Floats | null;
  /** dL/dW (nOut, nIn). */
  readonly dW: Floats;
  /** dL/db (nOut), or null for a layer without bias. */
  readonly db: Floats | null;
}

/**
 * Adds the gradients of y = x W^T + b given dL/dy.
 * @param x  input (T, nIn)
 * @param w  weight (nOut, nIn)
 * @param dy gradient of the output (T, nOut)
 * @param grads receives dx (T, nIn), dW (nOut, nIn), db (nOut)
 */
export function linearBackward(
  x: Floats,
  w: Floats,
  dy: Floats,
  dims: LinearDims,
  grads: LinearGrads,
): void {
  const { T, nIn, nOut } = dims;
  const { dx, dW, db } = grads;
  for (let t = 0; t < T; t++) {
    const xRow = t * nIn;
    const yRow = t * nOut;
    for (let o = 0; o < nOut; o++) {
      const g = dy[yRow + o];
      if (g === 0) continue;
      const wRow = o * nIn;

      // dW[o, :] += dy[t, o] * x[t, :]   (nOut, nIn)
      for (let i = 0; i < nIn; i++) dW[wRow + i] += g * x[xRow + i];

      // dx[t, :] += dy[t, o] * W[o, :]   (T, nIn)
      if (dx) for (let i = 0; i < nIn; i++) dx[xRow + i] += g * w[wRow + i];

      // db[o] += dy[t, o]   (nOut)
      if (db) db[o] += g;
    }
  }
}

/** Sizes of one matrix product c = a @ b. */
export interface MatmulDims {
  /** Rows of a and c. */
  readonly M: number;
  /** Columns of a, rows of b. */
  readonly K: number;
  /** Columns of b and c. */
  readonly N: number;
}

/**
 * Adds the gradients of c = a @ b given dL/dc.
 * @param a  left operand (M, K)
 * @param b  right operand (K, N)
 * @param dc gradient of the product (M, N)
 * @param da receives dL/da = dc @ b^T (M, K), or null
 * @param db receives dL/db = a^T @ dc (K, N), or null
 */
export function matmulBackward(
  a: Floats,
  b: Floats,
  dc: Floats,
  { M, K, N }: MatmulDims,
  da: Floats | null,
  db: Floats | null,
): void {
  for (let m = 0; m < M; m++) {
    for (let k = 0; k < K; k++) {
      const aRow = m * K;
      const bRow = k * N;
      let s = 0;
      for (let n = 0; n < N; n++) {
        const g = dc[m * N + n];
        s += g * b[bRow + n];

        // db[k, n] += a[m, k] * dc[m, n]   (K, N)
        if (db) db[bRow + n] += a[aRow + k] * g;
      }

      // da[m, k] += sum_n dc[m, n] * b[k, n]   (M, K)
      if (da) da[aRow + k] += s;
    }
  }
}
