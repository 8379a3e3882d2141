/**
 * Weights: the parameter names and shapes a config needs, loading them with validation, and
 * nanoGPT's random initialisation.
 *
 * Dimension legend:
 *   V   vocabulary size (vocab)
 *   P   blockSize, the rows of the learned position table (pos)
 *   C   nEmbd (d_model); 3C the fused q, k, v (d_qkv)
 *   M   mlpRatio * C (d_mlp)
 *
 * Names are the nanoGPT / GPT-2 state_dict keys, in state_dict order, so checkpoints load as they are.
 */
import { ConfigError, WeightError } from '../errors.ts';
import { makeRng } from '../random.ts';
import { sizing } from '../sizing.ts';
import { numel, tensor, type Axis, type Tensor } from '../tensor.ts';
import { mlpDim, type ModelConfig } from './config.ts';

/** A config with its validated weights. */
export interface Model {
  readonly config: ModelConfig;
  readonly weights: ReadonlyMap<string, Tensor>;
}

/** Shape and axis names of one parameter. */
export interface WeightSpec {
  shape: number[];
  axes: Axis[];
}

/** Std of nanoGPT's normal init for Linear and Embedding weights (GPT-2 paper). */
export const INIT_STD = 0.02;
/** Residual projections are scaled by 1/sqrt(2 * nLayer) (nanoGPT, GPT-2 paper section 2.3). */
const RESIDUAL_LAYERS_PER_BLOCK = 2;
/** The LM head's parameter name; with a tied head it holds the same tensor as wte. */
export const LM_HEAD = 'lm_head.weight';
/** Token embedding name. */
export const WTE = 'transformer.wte.weight';
/** Learned position embedding name. */
export const WPE = 'transformer.wpe.weight';
/** Causal-mask buffers that minGPT and Hugging Face GPT-2 keep in the state_dict: not parameters. */
const MASK_BUFFER = /^transformer\.h\.\d+\.attn\.(bias|masked_bias)$/;
/** How many missing names a message lists before summarising the rest. */
const MAX_NAMES_LISTED = 5;

/**
 * Most parameters a config may imply: 2e9, above GPT-2 XL's 1.5e9 and 8 GB as float32, more
 * than a browser tab holds. Checked before anything is allocated.
 */
export const MAX_PARAMETERS = 2e9;
/**
 * Most blocks a config may have: a hundred times GPT-3's 96, and it keeps the list of weight
 * names (six to twelve per block) far below the 2^24 entries a Map can hold.
 */
export const MAX_LAYERS = 10_000;
/** A parameter of block l: transformer.h.<l>.<rest>; group 1 is the block index. */
const BLOCK_WEIGHT = /^transformer\.h\.(\d+)\./;

const ACTIVATIONS = ['gelu', 'gelu_tanh'];
const POS_ENCODINGS = ['learned', 'sinusoidal'];

/**
 * Checks that a config describes a GPT.
 * @throws ConfigError naming the first field that does not fit
 */
export function validateConfig(config: ModelConfig): void {
  const ints = ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd', 'mlpRatio'] as const;
  for (const k of ints) {
    const v = config[k];
    if (!Number.isInteger(v) || v < 1) {
      throw new ConfigError(`${k} must be a positive integer, got ${v}`);
    }
  }
  if (config.nEmbd % config.nHead !== 0) {
    throw new ConfigError(
      `nEmbd (${config.nEmbd}) must be divisible by nHead (${config.nHead}) to split into heads`,
    );
  }
  if (!(config.layerNormEps > 0) || !Number.isFinite(config.layerNormEps)) {
    throw new ConfigError(`layerNormEps must be a positive number, got ${config.layerNormEps}`);
  }
  if (!ACTIVATIONS.includes(config.activation)) {
    throw new ConfigError(
      `activation must be one of ${ACTIVATIONS.join(', ')}, got ${config.activation}`,
    );
  }
  if (!POS_ENCODINGS.includes(config.posEncoding)) {
    throw new ConfigError(
      `posEncoding must be one of ${POS_ENCODINGS.join(', ')}, got ${config.posEncoding}`,
    );
  }
  if (typeof config.bias !== 'boolean' || typeof config.tiedLmHead !== 'boolean') {
    throw new ConfigError('bias and tiedLmHead must be true or false');
  }

  // Size, by arithmetic alone: nothing is allocated for a config that is too big.
  if (config.nLayer > MAX_LAYERS) {
    throw new ConfigError(`nLayer must be at most ${MAX_LAYERS}, got ${config.nLayer}`);
  }
  const params = sizing(config).params.total.count;
  if (params > MAX_PARAMETERS) {
    throw new ConfigError(
      `the config implies ${params.toExponential(2)} parameters (nLayer ${config.nLayer}, ` +
        `nEmbd ${config.nEmbd}, vocabSize ${config.vocabSize}, blockSize ${config.blockSize}), ` +
        `more than the ${MAX_PARAMETERS.toExponential(0)} the engine holds`,
    );
  }
}

/**
 * Every parameter a config needs, in nanoGPT state_dict order. `lm_head.weight` is listed even
 * when tied (it must then equal wte); biases only when config.bias; wpe only when learned.
 * @throws ConfigError when the config is invalid
 */
export function weightSpecs(config: ModelConfig): Map<string, WeightSpec> {
  validateConfig(config);
  const { vocabSize: V, blockSize: P, nEmbd: C, bias } = config;
  const M = mlpDim(config);
  const specs = new Map<string, WeightSpec>();
  const put = (name: string, shape: number[], axes: Axis[]) => specs.set(name, { shape, axes });
  const linear = (name: string, nOut: number, nIn: number, outAxis: Axis, inAxis: Axis) => {
    put(`${name}.weight`, [nOut, nIn], [outAxis, inAxis]);
    if (bias) put(`${name}.bias`, [nOut], [outAxis]);
  };
  const layerNorm = (name: string) => {
    put(`${name}.weight`, [C], ['d_model']);
    if (bias) put(`${name}.bias`, [C], ['d_model']);
  };

  put(WTE, [V, C], ['vocab', 'd_model']);
  if (config.posEncoding === 'learned') put(WPE, [P, C], ['pos', 'd_model']);
  for (let l = 0; l < config.nLayer; l++) {
    const h = `transformer.h.${l}`;
    layerNorm(`${h}.ln_1`);
    linear(`${h}.attn.c_attn`, 3 * C, C, 'd_qkv', 'd_model');
    linear(`${h}.attn.c_proj`, C, C, 'd_model', 'd_in');
    layerNorm(`${h}.ln_2`);
    linear(`${h}.mlp.c_fc`, M, C, 'd_mlp', 'd_model');
    linear(`${h}.mlp.c_proj`, C, M, 'd_model', 'd_mlp');
  }
  layerNorm('transformer.ln_f');
  put(LM_HEAD, [V, C], ['vocab', 'd_model']);
  return specs;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const listNames = (names: string[]) =>
  names.slice(0, MAX_NAMES_LISTED).join(', ') +
  (names.length > MAX_NAMES_LISTED ? ` and ${names.length - MAX_NAMES_LISTED} more` : '');

/**
 * Checks named tensors against the config and wraps them as the model's weights (no copy).
 * Mask buffers (`*.attn.bias`, `*.attn.masked_bias`) are accepted and ignored. With a tied
 * head, a missing `lm_head.weight` is taken from wte, and a present one must equal it.
 * @throws WeightError naming the missing, unexpected, misshapen or non-finite tensor
 * @throws ConfigError when the config is invalid
 */
export function buildModel(
  config: ModelConfig,
  tensors: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>,
): Model {
  validateConfig(config);

  // Blocks: every one of the config's nLayer must be in the tensors, checked before the list of
  // names is made, so a card claiming a million blocks fails at once, not after that list.
  const blocks = new Set<string>();
  for (const name of tensors.keys()) {
    const match = BLOCK_WEIGHT.exec(name);
    if (match && !MASK_BUFFER.test(name)) blocks.add(match[1]);
  }
  if (config.nLayer > blocks.size) {
    throw new WeightError(
      `nLayer is ${config.nLayer} but the weights hold ${blocks.size} ` +
        `block${blocks.size === 1 ? '' : 's'} (transformer.h.<i>.*)`,
    );
  }
  const specs = weightSpecs(config);

  // Names: nothing unexpected, nothing missing.
  const unexpected = [...tensors.keys()].filter((n) => !specs.has(n) && !MASK_BUFFER.test(n));
  if (unexpected.length > 0) {
    throw new WeightError(
      `unexpected weight ${listNames(unexpected)}: the config has no such parameter`,
    );
  }
  const tiedFromWte = config.tiedLmHead && !tensors.has(LM_HEAD);
  const missing = [...specs.keys()].filter(
    (n) => !tensors.has(n) && !(n === LM_HEAD && tiedFromWte),
  );
  if (missing.length > 0) throw new WeightError(`missing weight ${listNames(missing)}`);

  // Shapes and values.
  const weights = new Map<string, Tensor>();
  for (const [name, spec] of specs) {
    const given = tensors.get(name);
    if (!given) continue; // only the tied head, filled below
    if (!sameShape(given.shape, spec.shape)) {
      throw new WeightError(
        `${name} has shape [${given.shape.join(', ')}] but the config needs [${spec.shape.join(', ')}]`,
      );
    }
    if (given.data.length !== numel(spec.shape)) {
      throw new WeightError(
        `${name} holds ${given.data.length} values but its shape [${spec.shape.join(', ')}] needs ${numel(spec.shape)}`,
      );
    }
    const bad = given.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new WeightError(
        `${name} has a non-finite value (${given.data[bad]}) at flat index ${bad}`,
      );
    }
    weights.set(name, tensor(given.data, spec.shape, spec.axes));
  }

  // The tied head shares wte.
  if (config.tiedLmHead) {
    const wte = weights.get(WTE)!;
    const head = weights.get(LM_HEAD);
    if (head && head.data !== wte.data && head.data.some((v, i) => v !== wte.data[i])) {
      throw new WeightError(`${LM_HEAD} differs from ${WTE} but the config ties them`);
    }
    weights.set(LM_HEAD, wte);
  }
  return { config, weights };
}

/**
 * A model with nanoGPT's initialisation: weights normal(0, 0.02), residual projections
 * (`*.c_proj.weight`) normal(0, 0.02 / sqrt(2 * nLayer)), biases 0, LayerNorm weight 1 and bias 0.
 * The same seed gives the same weights bit for bit.
 * @throws ConfigError when the config is invalid
 */
export function randomModel(config: ModelConfig, seed: number): Model {
  const specs = weightSpecs(config);
  const rng = makeRng(seed);
  const projStd = INIT_STD / Math.sqrt(RESIDUAL_LAYERS_PER_BLOCK * config.nLayer);
  const weights = new Map<string, Tensor>();
  for (const [name, spec] of specs) {
    if (name === LM_HEAD && config.tiedLmHead) {
      weights.set(name, weights.get(WTE)!);
      continue;
    }
    const data = new Float32Array(numel(spec.shape)); // spec.shape
    const isLayerNorm = /\.ln_(1|2|f)\.weight$/.test(name);
    if (isLayerNorm) data.fill(1);
    else if (name.endsWith('.weight')) {
      const std = name.endsWith('.c_proj.weight') ? projStd : INIT_STD;
      for (let i = 0; i < data.length; i++) data[i] = std * rng.normal();
    }
    weights.set(name, tensor(data, spec.shape, spec.axes));
  }
  return { config, weights };
}
