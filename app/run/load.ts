/**
 * Loading models: the shipped ones from the page's own origin, or random weights of a preset.
 *
 * A model id is either
 *   <id>                a shipped model, assets/models/<id>.json + <id>.safetensors
 *   random-<preset>     random weights (nanoGPT init, seed 0) of any preset of engine/model/config.ts,
 *                       e.g. random-gpt2 for GPT-2 small: the structure to explore, not a trained model
 */
import { PRESETS, type ModelConfig } from '../../engine/model/config.ts';
import { MAX_PARAMETERS, randomModel } from '../../engine/model/weights.ts';
import { sizing } from '../../engine/sizing.ts';
import { loadModelFiles } from '../../engine/io/model-file.ts';
import { isTaskName, TASKS } from '../../engine/train/tasks/index.ts';
import { makeRng } from '../../engine/random.ts';
import type { LoadedModel } from './session.ts';

/** Prefix of a model id asking for random weights of a preset. */
export const RANDOM_PREFIX = 'random-';
/** Seed of the random weights and of the random input tokens. */
export const RANDOM_SEED = 0;
/** Tokens run through a random model: short, so that GPT-2 small stays quick on one core. */
export const RANDOM_TOKENS = 8;

export type PresetName = keyof typeof PRESETS;

/** One shipped model as assets/models/index.json lists it. */
export interface ModelEntry {
  readonly id: string;
  readonly name: string;
  readonly task?: string;
  readonly description?: string;
}

export interface ModelIndex {
  readonly models: readonly ModelEntry[];
  readonly default: string;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status} ${res.statusText}`);
  return res;
}

/** The list of shipped models (fetched once per page). */
let indexPromise: Promise<ModelIndex> | null = null;
export function modelIndex(base: string): Promise<ModelIndex> {
  indexPromise ??= fetchOk(`${base}models/index.json`).then((r) => r.json() as Promise<ModelIndex>);
  return indexPromise;
}

/** Random weights of a preset; its example input is a few random token ids. */
export function randomModelOf(preset: PresetName): LoadedModel {
  const config: ModelConfig = PRESETS[preset];
  const model = randomModel(config, RANDOM_SEED);
  const rng = makeRng(RANDOM_SEED);
  const n = Math.min(RANDOM_TOKENS, config.blockSize);
  const tokens = Array.from({ length: n }, () => rng.int(config.vocabSize));
  const vocab = Array.from({ length: config.vocabSize }, (_, i) => `#${i}`);
  const id = RANDOM_PREFIX + preset;
  return { id, name: preset, model, vocab, task: null, exampleInput: tokens.join(' ') };
}

/** Loads a shipped model by id. @throws Error for an id the index does not list */
async function shippedModel(base: string, id: string): Promise<LoadedModel> {
  const index = await modelIndex(base);
  if (!index.models.some((m) => m.id === id)) {
    const ids = index.models.map((m) => m.id).join(', ');
    throw new Error(`No shipped model '${id}' (there are: ${ids})`);
  }
  const [cardJson, bytes] = await Promise.all([
    fetchOk(`${base}models/${id}.json`).then((r) => r.json() as Promise<unknown>),
    fetchOk(`${base}models/${id}.safetensors`).then((r) => r.arrayBuffer()),
  ]);
  const { model, card } = loadModelFiles(cardJson, new Uint8Array(bytes));
  const taskName = card.task.name;
  if (!isTaskName(taskName)) {
    throw new Error(`Model '${id}' was trained on an unknown task '${taskName}'`);
  }
  const task = TASKS[taskName];
  return {
    id,
    name: card.name,
    model,
    vocab: card.task.vocab,
    task,
    exampleInput: task.exampleInput,
  };
}

/** Models already loaded, by id: switching back costs nothing. */
const loadedModels = new Map<string, Promise<LoadedModel>>();

/**
 * A model by id (null: the index's default), loaded once per page.
 * @throws Error naming the allowed ids for an unknown one
 */
export async function loadModel(base: string, id: string | null): Promise<LoadedModel> {
  const modelId = id ?? (await modelIndex(base)).default;
  let p = loadedModels.get(modelId);
  if (!p) {
    p = modelId.startsWith(RANDOM_PREFIX)
      ? Promise.resolve().then(() => randomModelOf(presetOf(modelId)))
      : shippedModel(base, modelId);
    loadedModels.set(modelId, p);
    p.catch(() => loadedModels.delete(modelId));
  }
  return p;
}

/** The preset of a random-<preset> id. @throws Error naming the allowed presets */
function presetOf(id: string): PresetName {
  const preset = id.slice(RANDOM_PREFIX.length);
  if (!Object.hasOwn(PRESETS, preset)) {
    // Only the presets the engine holds (GPT-3 is past its parameter limit)
    const names = Object.entries(PRESETS)
      .filter(([, c]) => sizing(c, 1).params.total.count <= MAX_PARAMETERS)
      .map(([p]) => RANDOM_PREFIX + p);
    throw new Error(`Unknown model '${id}': random weights exist for ${names.join(', ')}`);
  }
  return preset as PresetName;
}
