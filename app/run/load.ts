/**
 * Startup: which model the page shows, loading it from the page's own origin, and the run
 * that the scene draws.
 *
 * The `model` URL parameter picks the model:
 *   (absent)            the default shipped model of assets/models/index.json
 *   <id>                a shipped model, assets/models/<id>.json + <id>.safetensors
 *   random-<preset>     random weights (nanoGPT init, seed 0) of any preset of engine/model/config.ts,
 *                       e.g. random-gpt2 for GPT-2 small: the structure to explore, not a trained model
 */
import { forward } from '../../engine/model/gpt.ts';
import { PRESETS, type ModelConfig } from '../../engine/model/config.ts';
import { randomModel, type Model } from '../../engine/model/weights.ts';
import { loadModelFiles } from '../../engine/io/model-file.ts';
import { isTaskName, TASKS } from '../../engine/train/tasks/index.ts';
import { makeRng } from '../../engine/random.ts';
import { layoutScene } from '../scene/layout.ts';
import type { RunResult } from '../store/run.ts';
import { greedy } from './greedy.ts';

/** Prefix of the `model` parameter asking for random weights of a preset. */
export const RANDOM_PREFIX = 'random-';
/** Seed of the random weights and of the random input tokens. */
export const RANDOM_SEED = 0;
/** Tokens run through a random model: short, so that GPT-2 small stays quick on one core. */
export const RANDOM_TOKENS = 8;

export type PresetName = keyof typeof PRESETS;

/** Where the model comes from. */
export type ModelSource =
  | { readonly kind: 'shipped'; readonly id: string | null }
  | { readonly kind: 'random'; readonly preset: PresetName };

/** Reads the `model` URL parameter. @throws Error naming the allowed presets for a bad one */
export function sourceFromSearch(search: string): ModelSource {
  const id = new URLSearchParams(search).get('model');
  if (!id) return { kind: 'shipped', id: null };
  if (!id.startsWith(RANDOM_PREFIX)) return { kind: 'shipped', id };
  const preset = id.slice(RANDOM_PREFIX.length);
  if (!Object.hasOwn(PRESETS, preset)) {
    const names = Object.keys(PRESETS).map((p) => RANDOM_PREFIX + p);
    throw new Error(`Unknown model '${id}': random weights exist for ${names.join(', ')}`);
  }
  return { kind: 'random', preset: preset as PresetName };
}

interface ModelIndex {
  models: { id: string }[];
  default: string;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status} ${res.statusText}`);
  return res;
}

/** Runs the model over its tokens and lays out the scene. */
function finish(
  modelId: string,
  modelName: string,
  model: Model,
  vocab: readonly string[],
  tokens: readonly number[],
  promptLength: number,
): RunResult {
  const { trace } = forward(model, tokens);
  const layout = layoutScene(trace, model.weights);
  return { modelId, modelName, model, vocab, promptLength, trace, layout };
}

/** Random weights of a preset and a few random tokens. */
export function randomRun(preset: PresetName): RunResult {
  const config: ModelConfig = PRESETS[preset];
  const model = randomModel(config, RANDOM_SEED);
  const rng = makeRng(RANDOM_SEED);
  const n = Math.min(RANDOM_TOKENS, config.blockSize);
  const tokens = Array.from({ length: n }, () => rng.int(config.vocabSize));
  const vocab = Array.from({ length: config.vocabSize }, (_, i) => `#${i}`);
  return finish(RANDOM_PREFIX + preset, preset, model, vocab, tokens, n);
}

/**
 * Loads a shipped model (the index's default when id is null) and runs its task's example
 * input: the prompt, then the greedy answer, the last answer token being only predicted.
 */
export async function shippedRun(base: string, id: string | null): Promise<RunResult> {
  const index = (await (await fetchOk(`${base}models/index.json`)).json()) as ModelIndex;
  const modelId = id ?? index.default;
  if (!index.models.some((m) => m.id === modelId)) {
    throw new Error(`No shipped model '${modelId}' (there are: ${index.models.map((m) => m.id)})`);
  }
  const [cardJson, bytes] = await Promise.all([
    fetchOk(`${base}models/${modelId}.json`).then((r) => r.json() as Promise<unknown>),
    fetchOk(`${base}models/${modelId}.safetensors`).then((r) => r.arrayBuffer()),
  ]);
  const { model, card } = loadModelFiles(cardJson, new Uint8Array(bytes));
  const taskName = card.task.name;
  if (!isTaskName(taskName)) {
    throw new Error(`Model '${modelId}' was trained on an unknown task '${taskName}'`);
  }
  const task = TASKS[taskName];
  const prompt = task.parseInput(task.exampleInput);
  const answer = greedy(model, prompt, task.answerLength);
  const tokens = [...prompt, ...answer.slice(0, -1)];
  return finish(modelId, card.name, model, card.task.vocab, tokens, prompt.length);
}

/** The run for the page's URL. */
export function startRun(base: string, search: string): Promise<RunResult> {
  const source = sourceFromSearch(search);
  if (source.kind === 'random') return Promise.resolve().then(() => randomRun(source.preset));
  return shippedRun(base, source.id);
}
