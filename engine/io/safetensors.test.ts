import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { MAX_HEADER_BYTES, readSafetensors, writeSafetensors } from './safetensors.ts';

/** A file built by hand from the spec: u64 LE header length, the header text, the data bytes. */
function fileWith(header: string | object, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const text = new TextEncoder().encode(
    typeof header === 'string' ? header : JSON.stringify(header),
  );
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

/** Little-endian bytes of 16-bit words. */
function words(...w: number[]): Uint8Array {
  const out = new Uint8Array(2 * w.length);
  const view = new DataView(out.buffer);
  w.forEach((v, i) => view.setUint16(2 * i, v, true));
  return out;
}

const expectFormatError = (bytes: Uint8Array, message: string): void => {
  expect(() => readSafetensors(bytes)).toThrow(FormatError);
  expect(() => readSafetensors(bytes)).toThrow(message);
};

describe('writeSafetensors and readSafetensors', () => {
  it('round-trips names, order, shapes, exact values and metadata', () => {
    const a = new Float32Array([1.5, -0, Math.fround(0.1), 3.4e38, 1e-45, -7]);
    const b = new Float32Array([Infinity, -Infinity, NaN]);
    const tensors = new Map([
      ['transformer.wte.weight', { shape: [2, 3], data: a }],
      ['bias', { shape: [3], data: b }],
      ['scalar', { shape: [], data: new Float32Array([42]) }],
      ['empty', { shape: [0, 4], data: new Float32Array(0) }],
    ]);
    const file = readSafetensors(writeSafetensors(tensors, { format: 'pt', note: 'é ✓' }));

    expect([...file.tensors.keys()]).toEqual(['transformer.wte.weight', 'bias', 'scalar', 'empty']);
    expect(file.metadata).toEqual({ format: 'pt', note: 'é ✓' });
    const wte = file.tensors.get('transformer.wte.weight')!;
    expect(wte.dtype).toBe('F32');
    expect(wte.shape).toEqual([2, 3]);
    expect(Object.is(wte.data[1], -0)).toBe(true);
    expect([...wte.data]).toEqual([...a]);
    expect([...file.tensors.get('bias')!.data]).toEqual([Infinity, -Infinity, NaN]);
    expect(file.tensors.get('scalar')!.shape).toEqual([]);
    expect([...file.tensors.get('scalar')!.data]).toEqual([42]);
    expect(file.tensors.get('empty')!.data.length).toBe(0);
  });

  it('lays the file out as the spec says: length, space-padded JSON, aligned contiguous data', () => {
    const bytes = writeSafetensors(
      new Map([
        ['x', { shape: [2], data: new Float32Array([1, 2]) }],
        ['y', { shape: [1], data: new Float32Array([-3]) }],
      ]),
    );
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    expect(bytes.length).toBe(8 + n + 12);

    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.trimEnd()).toBe(
      '{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
        '"y":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}',
    );
    expect(text.slice(text.trimEnd().length)).toMatch(/^ *$/);
    expect([0, 4, 8].map((o) => view.getFloat32(8 + n + o, true))).toEqual([1, 2, -3]);
  });

  it('writes no metadata entry when given none, and reads it back as {}', () => {
    const bytes = writeSafetensors(new Map());
    expect(bytes.length).toBe(16);
    expect(new TextDecoder().decode(bytes.subarray(8))).toBe('{}      ');
    expect(readSafetensors(bytes)).toEqual({ tensors: new Map(), metadata: {} });
  });

  it('reads a file that sits at an unaligned offset inside a larger buffer', () => {
    const bytes = writeSafetensors(
      new Map([['w', { shape: [3], data: new Float32Array([0.25, -8, 1e6]) }]]),
    );
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    const data = readSafetensors(big.subarray(3)).tensors.get('w')!.data;
    expect([...data]).toEqual([0.25, -8, 1e6]);
  });

  it('refuses to write a tensor whose data does not fill its shape', () => {
    const bad = new Map([['w', { shape: [2, 2], data: new Float32Array(3) }]]);
    expect(() => writeSafetensors(bad)).toThrow(
      "safetensors: tensor 'w': shape [2,2] holds 4 values, data has 3",
    );
    const reserved = new Map([['__metadata__', { shape: [1], data: new Float32Array(1) }]]);
    expect(() => writeSafetensors(reserved)).toThrow(FormatError);
  });
});

describe('readSafetensors: half precision', () => {
  it('converts F16 values: one, negative, fraction, subnormals, largest, infinities, NaN', () => {
    const header = { h: { dtype: 'F16', shape: [10], data_offsets: [0, 20] } };
    const bits = [0x3c00, 0xc000, 0x3555, 0x0001, 0x03ff, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x8000];
    const t = readSafetensors(fileWith(header, words(...bits))).tensors.get('h')!;
    expect(t.dtype).toBe('F16');
    expect([...t.data]).toEqual([
      1,
      -2,
      Math.fround(1365 / 4096), // 0x3555: (1 + 341/1024) * 2^-2, the nearest half to 1/3
      2 ** -24,
      1023 * 2 ** -24,
      65504,
      Infinity,
      -Infinity,
      NaN,
      -0,
    ]);
    expect(Object.is(t.data[9], -0)).toBe(true);
  });

  it('converts BF16 values: one, negative, fraction, infinities, NaN', () => {
    const header = { b: { dtype: 'BF16', shape: [2, 3], data_offsets: [0, 12] } };
    const bits = [0x3f80, 0xc040, 0x3e00, 0x7f80, 0xff80, 0x7fc0];
    const t = readSafetensors(fileWith(header, words(...bits))).tensors.get('b')!;
    expect(t.dtype).toBe('BF16');
    expect(t.shape).toEqual([2, 3]);
    expect([...t.data]).toEqual([1, -3, 0.125, Infinity, -Infinity, NaN]);
  });
});

describe('readSafetensors: broken files', () => {
  const f32 = (offsets: [number, number], shape = [1]) => ({
    dtype: 'F32',
    shape,
    data_offsets: offsets,
  });

  it('rejects a file shorter than the header length', () => {
    expectFormatError(
      new Uint8Array(5),
      'safetensors: file has 5 bytes, fewer than the 8-byte header length',
    );
  });

  it('rejects a truncated header', () => {
    const bytes = fileWith('{"a":1}').subarray(0, 12);
    expectFormatError(
      bytes,
      'safetensors: truncated: header length 7 runs past the end of the 12-byte file',
    );
  });

  it('rejects a header length over the limit', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES + 1), true);
    expectFormatError(
      bytes,
      'safetensors: header length 100000001 is over the 100000000-byte limit',
    );
  });

  it('rejects garbled headers', () => {
    expectFormatError(
      fileWith('[1, 2]'),
      "safetensors: garbled header: not a JSON object (it must start with '{')",
    );
    expectFormatError(fileWith('{"a": '), 'safetensors: garbled header: not valid UTF-8 JSON');
    const badUtf8 = fileWith('{"a":1}');
    badUtf8[10] = 0xff;
    expectFormatError(badUtf8, 'safetensors: garbled header: not valid UTF-8 JSON');
  });

  it('rejects an unknown dtype', () => {
    const header = { w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } };
    expectFormatError(
      fileWith(header, new Uint8Array(8)),
      'safetensors: tensor \'w\': unknown dtype "I64" (supported: F32, F16, BF16)',
    );
  });

  it('rejects a lying header whose shape disagrees with its offsets', () => {
    expectFormatError(
      fileWith({ w: f32([0, 20], [2, 3]) }, new Uint8Array(20)),
      "safetensors: tensor 'w': shape [2,3] of F32 needs 24 bytes but data_offsets [0, 20] span 20",
    );
    expectFormatError(
      fileWith({ w: f32([4, 0]) }, new Uint8Array(4)),
      'data_offsets [4, 0] span -4',
    );
  });

  it('rejects malformed entries, shapes, offsets and metadata', () => {
    expectFormatError(fileWith({ w: 3 }), "safetensors: tensor 'w': entry is not an object");
    expectFormatError(
      fileWith({ w: f32([0, 4], [-1]) }, new Uint8Array(4)),
      "safetensors: tensor 'w': shape [-1] is not a list of sizes",
    );
    expectFormatError(
      fileWith({ w: { dtype: 'F32', shape: [1], data_offsets: [0] } }),
      "safetensors: tensor 'w': data_offsets [0] is not [begin, end]",
    );
    expectFormatError(
      fileWith({ __metadata__: { format: 1 } }),
      'safetensors: __metadata__.format is not a string',
    );
  });

  it('rejects offsets outside the data section', () => {
    expectFormatError(
      fileWith({ w: f32([0, 8], [2]) }, new Uint8Array(4)),
      "safetensors: tensor 'w': data_offsets [0, 8] lie outside the 4-byte data section",
    );
  });

  it('rejects overlapping tensors and gaps between tensors', () => {
    expectFormatError(
      fileWith({ a: f32([0, 8], [2]), b: f32([4, 12], [2]) }, new Uint8Array(12)),
      "safetensors: tensors 'a' and 'b' overlap in the data section",
    );
    expectFormatError(
      fileWith({ a: f32([0, 4]), b: f32([8, 12]) }, new Uint8Array(12)),
      "safetensors: data section has a gap of 4 bytes before 'b'",
    );
  });

  it('rejects a data section longer than the tensors claim', () => {
    expectFormatError(
      fileWith({ a: f32([0, 4]) }, new Uint8Array(8)),
      'safetensors: oversized: data section has 8 bytes but the tensors claim 4',
    );
  });

  it('accepts tensors listed out of offset order', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat32(0, 5, true);
    new DataView(data.buffer).setFloat32(4, 6, true);
    const file = readSafetensors(fileWith({ b: f32([4, 8]), a: f32([0, 4]) }, data));
    expect([...file.tensors.keys()]).toEqual(['b', 'a']);
    expect(file.tensors.get('a')!.data[0]).toBe(5);
    expect(file.tensors.get('b')!.data[0]).toBe(6);
  });
});
