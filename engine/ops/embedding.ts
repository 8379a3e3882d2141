/**
 * Embeddings: token rows looked up in a table, and the position encodings (learned or sinusoidal).
 *
 * Dimension legend:
 *   T   token positions
 *   V   vocabulary size
 *   C   embedding width, d_model
 */
import { InputError } from '../errors.ts';
import { SINUSOID_BASE } from '../model/config.ts';
import { tensor, type Tensor } from '../tensor.ts';

/**
 * Looks up one table row per token id.
 * @param table the embedding table (V, C), e.g. wte
 * @param ids T token ids, integers in [0, V)
 * @returns the rows (pos, d_model), (T, C)
 * @throws InputError naming the id and its position when an id is not a row of the table
 */
export function embedding(table: Tensor, ids: readonly number[]): Tensor {
  const [V, C] = table.shape;
  const T = ids.length;
  const out = new Float32Array(T * C); // (T, C)
  for (let t = 0; t < T; t++) {
    const id = ids[t];
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new InputError(
        `token id ${id} at position ${t} is not in the vocabulary [0, ${V - 1}]`,
      );
    }
    out.set(table.data.subarray(id * C, (id + 1) * C), t * C);
  }
  return tensor(out, [T, C], ['pos', 'd_model']);
}

/**
 * The first T rows of a learned position table.
 * @param wpe the position table (blockSize, C)
 * @param T number of positions, at most blockSize
 * @returns a copy of rows 0..T-1 (pos, d_model), (T, C)
 * @throws InputError when T exceeds the table
 */
export function positionRows(wpe: Tensor, T: number): Tensor {
  const [P, C] = wpe.shape;
  if (T > P) throw new InputError(`${T} positions asked but the table holds ${P}`);
  return tensor(wpe.data.slice(0, T * C), [T, C], ['pos', 'd_model']); // (T, C)
}

/**
 * The sinusoidal position encoding of "Attention Is All You Need" (section 3.5):
 * PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).
 * @param T number of positions
 * @param d width of each encoding (d_model); an odd d ends with a sine column
 * @returns the table (pos, d_model), (T, d)
 */
export function sinusoidalTable(T: number, d: number): Tensor {
  const out = new Float32Array(T * d); // (T, d)
  for (let i2 = 0; i2 < d; i2 += 2) {
    const invFreq = Math.pow(SINUSOID_BASE, -i2 / d);
    for (let p = 0; p < T; p++) {
      const angle = p * invFreq;
      out[p * d + i2] = Math.sin(angle);
      if (i2 + 1 < d) out[p * d + i2 + 1] = Math.cos(angle);
    }
  }
  return tensor(out, [T, d], ['pos', 'd_model']);
}
