/**
 * Node-only loader of the PyTorch reference (`/work/shared/reference/mingpt-sort`): minGPT's
 * gpt-nano trained on sorting, with intermediate tensors. Used by the golden test and the bench.
 *
 * Dimension legend (of the stored partials):
 *   B   batch of inputs (3), T tokens (11), C 48, nh 3 heads of hs 16, V 3
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeConfig, type ModelConfig } from '../model/config.ts';

/** Where the reference lives: beside the repository, in shared/reference/mingpt-sort. */
export const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/reference/mingpt-sort',
);

/** One stored tensor, decoded. */
export interface RefTensor {
  shape: number[];
  data: Float32Array;
}

interface Stored {
  shape: number[];
  dtype: string;
  data: string;
}

/** Bytes per float32. */
const F32_BYTES = 4;

/** Decodes base64 little-endian float32. */
export function decodeF32(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / F32_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * F32_BYTES, true);
  return out;
}

/** True when both reference files are present. */
export const hasReference = (): boolean =>
  existsSync(path.join(REFERENCE_DIR, 'model.json')) &&
  existsSync(path.join(REFERENCE_DIR, 'partials.json'));

function readTensors(file: string): {
  config: Record<string, number>;
  tensors: Map<string, RefTensor>;
} {
  const json = JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), 'utf8')) as Record<
    string,
    unknown
  >;
  const tensors = new Map<string, RefTensor>();
  for (const [name, value] of Object.entries(json)) {
    if (name === 'config') continue;
    const s = value as Stored;
    tensors.set(name, { shape: s.shape, data: decodeF32(s.data) });
  }
  return { config: json.config as Record<string, number>, tensors };
}

/** The reference model: our config for it and its state_dict tensors (mask buffers included). */
export function loadReferenceModel(): { config: ModelConfig; tensors: Map<string, RefTensor> } {
  const { config: c, tensors } = readTensors('model.json');
  const config = makeConfig({
    vocabSize: c.vocab_size,
    blockSize: c.block_size,
    nLayer: c.n_layer,
    nHead: c.n_head,
    nEmbd: c.n_embd,
    // minGPT: biases on, NewGELU (tanh), learned positions, untied head.
    bias: true,
    activation: 'gelu_tanh',
    posEncoding: 'learned',
    tiedLmHead: false,
  });
  return { config, tensors };
}

/** The reference partials, by their names in partials.json (idx, tok_emb, ..., probs). */
export function loadReferencePartials(): Map<string, RefTensor> {
  return readTensors('partials.json').tensors;
}
