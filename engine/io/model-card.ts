/**
 * The model card: the JSON file beside each model's safetensors, describing its config (with
 * nanoGPT's GPTConfig key names), the task and its vocabulary, the training run and its results.
 * parseCard checks a parsed card field by field; cardToConfig and configToCardConfig convert its
 * config block to and from the engine's ModelConfig.
 */
import { FormatError } from '../errors.ts';
import {
  makeConfig,
  type Activation,
  type ModelConfig,
  type PosEncoding,
} from '../model/config.ts';
import { MAX_LAYERS } from '../model/weights.ts';

/** Ids name files, so they stay file-name safe: lowercase letters, digits, '.', '_', '-'. */
export const CARD_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** An ISO 8601 calendar date, optionally with a time: 2025-12-03 or 2025-12-03T18:30:00Z. */
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const ACTIVATIONS: readonly Activation[] = ['gelu', 'gelu_tanh'];
const POS_ENCODINGS: readonly PosEncoding[] = ['learned', 'sinusoidal'];

/** The model's shape and math, with nanoGPT's GPTConfig key names. */
export interface CardConfig {
  /** Transformer blocks. */
  n_layer: number;
  /** Attention heads per block; n_embd divides by it. */
  n_head: number;
  /** Residual stream width. */
  n_embd: number;
  /** Token ids the model reads and predicts; equals task.vocab.length. */
  vocab_size: number;
  /** Longest input, in tokens. */
  block_size: number;
  /** Linear layers and LayerNorms carry biases. */
  bias: boolean;
  /** 'gelu' (exact, erf) or 'gelu_tanh' (GPT-2's approximation). */
  activation: Activation;
  /** 'learned' (wpe weights) or 'sinusoidal' (no weights). */
  pos_encoding: PosEncoding;
  /** The LM head reuses wte. */
  tied_lm_head: boolean;
  /** MLP hidden width / n_embd, a positive integer; 4 when absent. */
  mlp_ratio?: number;
  /** LayerNorm epsilon; 1e-5 when absent. */
  layer_norm_eps?: number;
}

/** What the model was trained to do. */
export interface CardTask {
  /** Task name, e.g. 'sort'. */
  name: string;
  /** The token strings, in id order: vocab[id] is how token id is shown. */
  vocab: string[];
  /** Anything task-specific (sequence lengths, separators, ...). */
  [key: string]: unknown;
}

/** The training run's hyper-parameters. */
export interface CardTraining {
  /** Optimiser steps taken. */
  steps: number;
  /** Sequences per step. */
  batch_size: number;
  /** Peak learning rate. */
  learning_rate: number;
  /** AdamW weight decay. */
  weight_decay: number;
  /** Steps of linear learning-rate warm-up. */
  warmup_steps: number;
  /** Gradient norm clip (0: no clipping). */
  grad_clip: number;
  /** Seed of the initialisation and data order. */
  seed: number;
  /** Anything else the run recorded. */
  [key: string]: unknown;
}

/** How well the trained model does. */
export interface CardResults {
  /** Mean cross-entropy on the training data at the end, in nats. */
  final_train_loss: number;
  /** Mean cross-entropy on held-out data at the end, in nats. */
  final_val_loss: number;
  /** Share of whole answers predicted exactly right (greedy decoding). */
  exact_match: {
    /** From 0 to 1. */
    accuracy: number;
    /** What the examples were, in words, e.g. '1000 held-out random lists'. */
    evaluated_on: string;
    /** How many examples. */
    n: number;
  };
  /** Wall-clock seconds of training. */
  training_seconds: number;
  /** The machine that trained it, in words. */
  machine: string;
}

/** The JSON model card shipped beside each safetensors file. */
export interface ModelCard {
  /** File-name-safe id: the files are <id>.json and <id>.safetensors. */
  id: string;
  /** Display name. */
  name: string;
  /** One or two sentences for people. */
  description: string;
  config: CardConfig;
  task: CardTask;
  training: CardTraining;
  results: CardResults;
  /** When the model was made, an ISO 8601 date. */
  date: string;
}

const CONFIG_KEYS: readonly (keyof CardConfig)[] = [
  'n_layer',
  'n_head',
  'n_embd',
  'vocab_size',
  'block_size',
  'bias',
  'activation',
  'pos_encoding',
  'tied_lm_head',
  'mlp_ratio',
  'layer_norm_eps',
];

function fail(message: string): never {
  throw new FormatError(`model card: ${message}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path, failing when it or an enclosing object is missing. */
function get(root: unknown, path: string, optional = false): unknown {
  let value = root;
  let at = '';
  for (const key of path.split('.')) {
    if (!isRecord(value)) fail(at ? `field '${at}' must be an object` : 'not a JSON object');
    at = at ? `${at}.${key}` : key;
    value = value[key];
    if (value === undefined && !optional) fail(`missing field '${at}'`);
  }
  return value;
}

const got = (v: unknown): string => JSON.stringify(v) ?? String(v);

function checkString(root: unknown, path: string): string {
  const v = get(root, path);
  if (typeof v !== 'string') fail(`field '${path}' must be a string, got ${got(v)}`);
  return v;
}

function checkBoolean(root: unknown, path: string): void {
  const v = get(root, path);
  if (typeof v !== 'boolean') fail(`field '${path}' must be true or false, got ${got(v)}`);
}

/** What a number field may hold; `positive` means above 0. */
interface NumberRule {
  min?: number;
  max?: number;
  positive?: boolean;
  integer?: boolean;
  optional?: boolean;
}

/** Checks a finite number against its rule. */
function checkNumber(root: unknown, path: string, rule: NumberRule = {}): void {
  const { min = -Infinity, max = Infinity, positive = false, integer = false } = rule;
  const v = get(root, path, rule.optional);
  if (v === undefined) return;
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= min &&
    v <= max &&
    (!positive || v > 0) &&
    (!integer || Number.isInteger(v));
  if (ok) return;
  const noun = integer ? 'integer' : 'number';
  const kind = positive ? `a positive ${noun}` : integer ? 'an integer' : 'a number';
  const range = max !== Infinity ? ` from ${min} to ${max}` : min !== -Infinity ? ` >= ${min}` : '';
  fail(`field '${path}' must be ${kind}${range}, got ${got(v)}`);
}

function checkOneOf(root: unknown, path: string, allowed: readonly string[]): void {
  const v = get(root, path);
  if (!allowed.includes(v as string)) {
    fail(`field '${path}' must be one of ${allowed.join(', ')}, got ${got(v)}`);
  }
}

/** The config block: known keys only, each in range, shapes consistent. */
function checkConfig(root: unknown): void {
  const config = get(root, 'config');
  if (!isRecord(config)) return fail(`field 'config' must be an object`);
  for (const key of Object.keys(config)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      fail(`unknown field 'config.${key}' (known: ${CONFIG_KEYS.join(', ')})`);
    }
  }
  checkNumber(root, 'config.n_layer', { min: 1, max: MAX_LAYERS, integer: true });
  for (const key of ['n_head', 'n_embd', 'vocab_size', 'block_size']) {
    checkNumber(root, `config.${key}`, { positive: true, integer: true });
  }
  for (const key of ['bias', 'tied_lm_head']) checkBoolean(root, `config.${key}`);
  checkOneOf(root, 'config.activation', ACTIVATIONS);
  checkOneOf(root, 'config.pos_encoding', POS_ENCODINGS);
  checkNumber(root, 'config.mlp_ratio', { positive: true, integer: true, optional: true });
  checkNumber(root, 'config.layer_norm_eps', { positive: true, optional: true });

  const c = config as unknown as CardConfig;
  if (c.n_embd % c.n_head !== 0) {
    fail(`field 'config.n_embd' (${c.n_embd}) must divide by config.n_head (${c.n_head})`);
  }
}

/**
 * The task's optional prompt_length and answer_length: positive integers whose model input,
 * prompt + answer - 1 tokens (the last answer token is never read), fits in block_size.
 */
function checkSequenceLengths(root: unknown): void {
  checkNumber(root, 'task.prompt_length', { min: 1, integer: true, optional: true });
  checkNumber(root, 'task.answer_length', { min: 1, integer: true, optional: true });
  const prompt = get(root, 'task.prompt_length', true) as number | undefined;
  const answer = get(root, 'task.answer_length', true) as number | undefined;
  const blockSize = get(root, 'config.block_size') as number;
  if (prompt !== undefined && answer !== undefined && prompt + answer - 1 > blockSize) {
    fail(
      `fields 'task.prompt_length' (${prompt}) + 'task.answer_length' (${answer}) ` +
        `must be at most config.block_size + 1 (${blockSize + 1}): ` +
        'the model reads prompt and answer but its last token',
    );
  }
}

/**
 * Checks that a parsed JSON value is a complete model card.
 * @returns the card, a deep copy of the input.
 * @throws FormatError naming the first missing or bad field.
 */
export function parseCard(json: unknown): ModelCard {
  // identity
  const id = checkString(json, 'id');
  if (!CARD_ID_PATTERN.test(id)) fail(`field 'id' must match ${CARD_ID_PATTERN}, got ${got(id)}`);
  for (const path of ['name', 'description']) checkString(json, path);
  const date = checkString(json, 'date');
  if (!ISO_DATE_PATTERN.test(date) || Number.isNaN(Date.parse(date))) {
    fail(`field 'date' must be an ISO 8601 date, got ${got(date)}`);
  }

  // config and task
  checkConfig(json);
  checkString(json, 'task.name');
  const vocab = get(json, 'task.vocab');
  if (!Array.isArray(vocab) || !vocab.every((s) => typeof s === 'string')) {
    fail(`field 'task.vocab' must be a list of strings, got ${got(vocab)}`);
  }
  const vocabSize = get(json, 'config.vocab_size');
  if (vocab.length !== vocabSize) {
    fail(`field 'task.vocab' has ${vocab.length} tokens but config.vocab_size is ${vocabSize}`);
  }
  const seen = new Set<string>();
  for (const token of vocab as string[]) {
    if (seen.has(token)) fail(`field 'task.vocab' lists ${got(token)} twice: tokens must differ`);
    seen.add(token);
  }
  checkSequenceLengths(json);

  // training run
  for (const key of ['steps', 'warmup_steps']) {
    checkNumber(json, `training.${key}`, { min: 0, integer: true });
  }
  checkNumber(json, 'training.batch_size', { positive: true, integer: true });
  for (const key of ['learning_rate', 'weight_decay', 'grad_clip']) {
    checkNumber(json, `training.${key}`, { min: 0 });
  }
  checkNumber(json, 'training.seed', { integer: true });

  // results
  for (const key of ['final_train_loss', 'final_val_loss', 'training_seconds']) {
    checkNumber(json, `results.${key}`, { min: 0 });
  }
  checkNumber(json, 'results.exact_match.accuracy', { min: 0, max: 1 });
  checkString(json, 'results.exact_match.evaluated_on');
  checkNumber(json, 'results.exact_match.n', { min: 0, integer: true });
  checkString(json, 'results.machine');

  return structuredClone(json) as ModelCard;
}

/** The engine config a card describes (nanoGPT keys to camelCase; absent optionals default). */
export function cardToConfig(card: ModelCard): ModelConfig {
  const c = card.config;
  return makeConfig({
    nLayer: c.n_layer,
    nHead: c.n_head,
    nEmbd: c.n_embd,
    vocabSize: c.vocab_size,
    blockSize: c.block_size,
    bias: c.bias,
    activation: c.activation,
    posEncoding: c.pos_encoding,
    tiedLmHead: c.tied_lm_head,
    ...(c.mlp_ratio !== undefined && { mlpRatio: c.mlp_ratio }),
    ...(c.layer_norm_eps !== undefined && { layerNormEps: c.layer_norm_eps }),
  });
}

/** A card's config block for an engine config, every field written out. */
export function configToCardConfig(config: ModelConfig): CardConfig {
  return {
    n_layer: config.nLayer,
    n_head: config.nHead,
    n_embd: config.nEmbd,
    vocab_size: config.vocabSize,
    block_size: config.blockSize,
    bias: config.bias,
    activation: config.activation,
    pos_encoding: config.posEncoding,
    tied_lm_head: config.tiedLmHead,
    mlp_ratio: config.mlpRatio,
    layer_norm_eps: config.layerNormEps,
  };
}
