/**
 * Safetensors: read and write the Hugging Face tensor file format.
 *
 * Layout (https://github.com/huggingface/safetensors, "Format"):
 *   bytes [0, 8)          N, the header length, unsigned 64-bit little-endian
 *   bytes [8, 8 + N)      the header, UTF-8 JSON starting with '{':
 *                         { "<name>": { "dtype": "F32", "shape": [d0, ...], "data_offsets": [b, e] },
 *                           "__metadata__": { "<key>": "<string value>" } }
 *                         padded at the end with spaces so the data section starts 8-byte aligned
 *   bytes [8 + N, end)    the data section: each tensor's little-endian, row-major bytes at
 *                         [b, e) relative to the start of the data section, tensors contiguous,
 *                         no gaps, no overlaps, nothing after the last one
 *
 * Shapes: a tensor of shape (d0, d1, ...) holds d0 * d1 * ... values (1 for the scalar shape []).
 * The writer writes F32. The reader accepts F32, F16 and BF16 and returns Float32Array data.
 */
import { FormatError } from '../errors.ts';
import { numel } from '../tensor.ts';

/** Bytes of the header-length prefix (the format's u64). */
export const HEADER_LENGTH_BYTES = 8;
/** Largest header the reader accepts: 100 MB, the limit of the reference Rust reader. */
export const MAX_HEADER_BYTES = 100_000_000;
/** The data section starts at a multiple of this (the reference writer pads the header to it). */
export const DATA_ALIGNMENT = 8;
/** Header key that holds string-to-string metadata rather than a tensor. */
export const METADATA_KEY = '__metadata__';
/** Byte used to pad the header: an ASCII space, which JSON ignores. */
const PAD_BYTE = 0x20;
/** The header must open with '{'. */
const OPEN_BRACE = 0x7b;

/** Dtypes the reader converts, with their width in bytes. */
export const DTYPE_BYTES = { F32: 4, F16: 2, BF16: 2 } as const;
export type Dtype = keyof typeof DTYPE_BYTES;

/** A tensor as read from a file: its stored dtype, shape and values widened to float32. */
export interface SafetensorsTensor {
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** What writeSafetensors takes for each tensor. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface SafetensorsFile {
  /** Tensors in header order. */
  readonly tensors: Map<string, SafetensorsTensor>;
  /** The header's `__metadata__`, or {} when there is none. */
  readonly metadata: Record<string, string>;
}

/** The machine stores numbers little-endian (every browser and Node platform in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(message: string): never {
  throw new FormatError(`safetensors: ${message}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** IEEE half precision bits to a number: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
export function f16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // subnormal: 0.m * 2^-14
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Values of one tensor's bytes, widened to float32. */
function decode(bytes: Uint8Array, dtype: Dtype, n: number): Float32Array {
  if (dtype === 'F32') {
    if (LITTLE_ENDIAN) return new Float32Array(bytes.slice().buffer); // copy: aligned and owned
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Float32Array.from({ length: n }, (_, i) => view.getFloat32(4 * i, true));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  if (dtype === 'F16') {
    for (let i = 0; i < n; i++) out[i] = f16ToNumber(view.getUint16(2 * i, true));
    return out;
  }
  // BF16 is the top half of a float32's bits
  const wide = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) wide[i] = view.getUint16(2 * i, true) << 16;
  return out;
}

/** Reads the JSON header and checks it is an object. */
function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < HEADER_LENGTH_BYTES) {
    fail(
      `file has ${bytes.length} bytes, fewer than the ${HEADER_LENGTH_BYTES}-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) {
    fail(`header length ${n} is over the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const headerLength = Number(n);
  const dataStart = HEADER_LENGTH_BYTES + headerLength;
  if (dataStart > bytes.length) {
    fail(
      `truncated: header length ${headerLength} runs past the end of the ${bytes.length}-byte file`,
    );
  }
  const raw = bytes.subarray(HEADER_LENGTH_BYTES, dataStart);
  // a JSON text that starts with '{' and parses is an object
  if (raw[0] !== OPEN_BRACE) fail("garbled header: not a JSON object (it must start with '{')");
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (e) {
    return fail(`garbled header: not valid UTF-8 JSON (${(e as Error).message})`);
  }
  return { header, dataStart };
}

/** The metadata entry: an object of strings. */
function readMetadata(header: Record<string, unknown>): Record<string, string> {
  const meta = header[METADATA_KEY];
  if (meta === undefined) return {};
  if (!isRecord(meta)) fail(`${METADATA_KEY} is not an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta as Record<string, unknown>)) {
    if (typeof v !== 'string') fail(`${METADATA_KEY}.${k} is not a string`);
    out[k] = v as string;
  }
  return out;
}

/** One tensor entry, checked against its own dtype, shape and offsets. */
interface Entry {
  name: string;
  dtype: Dtype;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, value: unknown): Entry {
  if (!isRecord(value)) return fail(`tensor '${name}': entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
    fail(`tensor '${name}': unknown dtype ${JSON.stringify(dtype)} (supported: F32, F16, BF16)`);
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    fail(`tensor '${name}': shape ${JSON.stringify(shape)} is not a list of sizes`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    fail(`tensor '${name}': data_offsets ${JSON.stringify(offsets)} is not [begin, end]`);
  }
  const [begin, end] = offsets as [number, number];
  const needed = numel(shape as number[]) * DTYPE_BYTES[dtype as Dtype];
  if (end < begin || end - begin !== needed) {
    fail(
      `tensor '${name}': shape [${shape}] of ${dtype} needs ${needed} bytes ` +
        `but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype: dtype as Dtype, shape: shape as number[], begin, end };
}

/** Checks the entries tile the data section exactly: in bounds, no overlap, no gap, no excess. */
function checkLayout(entries: readonly Entry[], dataLength: number): void {
  let previous: Entry | null = null;
  for (const e of [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (e.end > dataLength) {
      fail(
        `tensor '${e.name}': data_offsets [${e.begin}, ${e.end}] lie outside ` +
          `the ${dataLength}-byte data section`,
      );
    }
    const previousEnd = previous ? previous.end : 0;
    if (previous && e.begin < previousEnd) {
      fail(`tensors '${previous.name}' and '${e.name}' overlap in the data section`);
    }
    if (e.begin > previousEnd) {
      fail(`data section has a gap of ${e.begin - previousEnd} bytes before '${e.name}'`);
    }
    previous = e;
  }
  const claimed = previous ? previous.end : 0;
  if (claimed !== dataLength) {
    fail(`oversized: data section has ${dataLength} bytes but the tensors claim ${claimed}`);
  }
}

/**
 * Reads a safetensors file.
 * @param bytes the whole file.
 * @returns tensors (shape as stored, values widened to float32) and the string metadata.
 * @throws FormatError when the file is truncated, garbled, inconsistent or uses another dtype.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  const { header, dataStart } = readHeader(bytes);
  const metadata = readMetadata(header);
  const entries = Object.entries(header)
    .filter(([name]) => name !== METADATA_KEY)
    .map(([name, value]) => readEntry(name, value));
  checkLayout(entries, bytes.length - dataStart);

  const tensors = new Map<string, SafetensorsTensor>();
  for (const { name, dtype, shape, begin, end } of entries) {
    const raw = bytes.subarray(dataStart + begin, dataStart + end);
    tensors.set(name, { dtype, shape, data: decode(raw, dtype, numel(shape)) }); // as stored
  }
  return { tensors, metadata };
}

/**
 * Writes tensors as an F32 safetensors file, in the map's order, with optional string metadata.
 * @param tensors name to { shape, data }, with data.length equal to the product of shape.
 * @throws FormatError for a size mismatch, a bad shape or the reserved name `__metadata__`.
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, TensorData>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  // header: offsets follow the map order, each tensor right after the previous one
  const header: Record<string, unknown> = {};
  if (metadata) header[METADATA_KEY] = { ...metadata };
  let offset = 0;
  for (const [name, { shape, data }] of tensors) {
    if (name === METADATA_KEY) fail(`'${METADATA_KEY}' cannot name a tensor`);
    if (!shape.every(isCount)) fail(`tensor '${name}': shape [${shape}] is not a list of sizes`);
    if (data.length !== numel(shape)) {
      fail(
        `tensor '${name}': shape [${shape}] holds ${numel(shape)} values, data has ${data.length}`,
      );
    }
    const end = offset + data.length * DTYPE_BYTES.F32;
    header[name] = { dtype: 'F32', shape: [...shape], data_offsets: [offset, end] };
    offset = end;
  }

  // pad the header with spaces so the data section starts aligned
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart =
    Math.ceil((HEADER_LENGTH_BYTES + json.length) / DATA_ALIGNMENT) * DATA_ALIGNMENT;
  const out = new Uint8Array(dataStart + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(dataStart - HEADER_LENGTH_BYTES), true);
  out.set(json, HEADER_LENGTH_BYTES);
  out.fill(PAD_BYTE, HEADER_LENGTH_BYTES + json.length, dataStart);

  // data: each tensor's float32 values, little-endian
  let at = dataStart;
  for (const { data } of tensors.values()) {
    if (LITTLE_ENDIAN) out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    else data.forEach((v, i) => view.setFloat32(at + 4 * i, v, true));
    at += data.byteLength;
  }
  return out;
}
