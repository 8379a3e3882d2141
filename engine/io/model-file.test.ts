import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, WeightError } from '../errors.ts';
import { makeConfig, PRESETS } from '../model/config.ts';
import { randomModel, weightSpecs } from '../model/weights.ts';
import { sortCard, withField } from './card-fixture.ts';
import {
  configToCardConfig,
  loadModelFiles,
  parseCard,
  saveModelFiles,
  type ModelCard,
} from './model-file.ts';
import { readSafetensors, writeSafetensors, type TensorData } from './safetensors.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const modelJson = path.resolve(repoRoot, '../shared/reference/mingpt-sort/model.json');
const hasReference = existsSync(modelJson);
if (!hasReference) console.warn(`model-file.test: skipping the reference load, no ${modelJson}`);

describe('saveModelFiles and loadModelFiles', () => {
  it('round-trips an untied model bit for bit, in state_dict order', () => {
    const model = randomModel(PRESETS.mingptSort, 7);
    const saved = saveModelFiles(model, sortCard());
    const file = readSafetensors(saved.safetensors);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect([...file.tensors.keys()]).toEqual([...weightSpecs(model.config).keys()]);

    const { model: loaded, card } = loadModelFiles(JSON.parse(saved.card), saved.safetensors);
    expect(card).toEqual(parseCard(JSON.parse(saved.card)));
    expect(loaded.config).toEqual(model.config);
    for (const [name, w] of model.weights) {
      expect(loaded.weights.get(name)?.shape, name).toEqual(w.shape);
      expect(loaded.weights.get(name)?.data, name).toEqual(w.data);
    }
  });

  it('writes a tied model without lm_head.weight and loads the head from wte', () => {
    const config = makeConfig({ ...PRESETS.mingptSort, tiedLmHead: true, bias: false });
    const model = randomModel(config, 11);
    const saved = saveModelFiles(model, sortCard());
    const names = [...readSafetensors(saved.safetensors).tensors.keys()];
    expect(names).not.toContain('lm_head.weight');
    expect(names).toContain('transformer.wte.weight');
    expect(names.some((n) => n.endsWith('.bias'))).toBe(false);

    const { model: loaded } = loadModelFiles(JSON.parse(saved.card), saved.safetensors);
    const wte = model.weights.get('transformer.wte.weight')!.data;
    expect(loaded.weights.get('transformer.wte.weight')!.data).toEqual(wte);
    expect(loaded.weights.get('lm_head.weight')!.data).toEqual(wte);
  });

  it('refuses to save a tied model whose head differs from wte', () => {
    const config = makeConfig({ ...PRESETS.mingptSort, tiedLmHead: true });
    const model = randomModel(config, 5);
    const weights = new Map(model.weights);
    const head = weights.get('lm_head.weight')!;
    weights.set('lm_head.weight', { ...head, data: head.data.map((v) => v + 1) });
    expect(() => saveModelFiles({ config, weights }, sortCard())).toThrow(
      'saveModelFiles: lm_head.weight differs from transformer.wte.weight but the config ties them',
    );
  });

  it("writes the model's own config into the saved card", () => {
    const config = makeConfig({ ...PRESETS.mingptSort, nEmbd: 24, mlpRatio: 2 });
    const saved = saveModelFiles(randomModel(config, 1), sortCard());
    const card = JSON.parse(saved.card) as ModelCard;
    expect(card.config).toEqual(configToCardConfig(config));
    expect(saved.card.endsWith('}\n')).toBe(true);
    expect(saved.card).toContain('\n  "id": "sort-nano",\n');
  });

  it('rejects weights that do not fit the card', () => {
    const saved = saveModelFiles(randomModel(PRESETS.mingptSort, 3), sortCard());
    const smaller = withField('config.n_embd', 24);
    expect(() => loadModelFiles(smaller, saved.safetensors)).toThrow(WeightError);
    expect(() => loadModelFiles(withField('id', ''), saved.safetensors)).toThrow(FormatError);
    expect(() => loadModelFiles(sortCard(), saved.safetensors.subarray(0, 100))).toThrow(
      FormatError,
    );
  });

  it('rejects a card claiming more blocks than the file holds, naming nLayer', () => {
    const saved = saveModelFiles(randomModel(PRESETS.mingptSort, 3), sortCard()); // 3 blocks
    const deeper = withField('config.n_layer', 5000);
    expect(() => loadModelFiles(deeper, saved.safetensors)).toThrow(WeightError);
    expect(() => loadModelFiles(deeper, saved.safetensors)).toThrow(
      'nLayer is 5000 but the weights hold 3 blocks',
    );
  });

  it.skipIf(!hasReference)('loads the PyTorch reference weights with its mask buffers', () => {
    const state = JSON.parse(readFileSync(modelJson, 'utf8')) as Record<
      string,
      { shape: number[]; data: string }
    >;
    const tensors = new Map<string, TensorData>();
    for (const [name, { shape, data }] of Object.entries(state)) {
      if (name === 'config') continue;
      const bytes = new Uint8Array(Buffer.from(data, 'base64')); // copy: 4-byte aligned
      tensors.set(name, { shape, data: new Float32Array(bytes.buffer) });
    }
    const { model } = loadModelFiles(sortCard(), writeSafetensors(tensors, { format: 'pt' }));
    expect(model.weights.has('transformer.h.0.attn.bias')).toBe(false);
    const wpe = tensors.get('transformer.wpe.weight')!;
    expect(model.weights.get('transformer.wpe.weight')!.data).toEqual(wpe.data);
    expect(model.weights.get('lm_head.weight')!.shape).toEqual([3, 48]);
  });
});
