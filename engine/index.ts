/**
 * The engine's public API: what the app (and the training command) import.
 *
 * Dimension legend (shared by every module re-exported here):
 *   T tokens (pos), C = nEmbd (d_model), nh heads of hs = C / nh (head, d_head),
 *   M = mlpRatio * C (d_mlp), V vocabulary (vocab), 3C fused q, k, v (d_qkv)
 */

// Contracts: tensors, config, trace, errors, randomness.
export { numel, tensor, zeros, type Axis, type Tensor } from './tensor.ts';
export {
  LAYER_NORM_EPS,
  MLP_RATIO,
  PRESETS,
  SINUSOID_BASE,
  headDim,
  makeConfig,
  mlpDim,
  type Activation,
  type ModelConfig,
  type PosEncoding,
} from './model/config.ts';
export {
  INPUT_IDS,
  blockStepNames,
  getStep,
  stepNames,
  type Step,
  type StepKind,
  type Trace,
} from './trace.ts';
export { ConfigError, FormatError, GlassboxError, InputError, WeightError } from './errors.ts';
export { makeRng, type Rng } from './random.ts';

// The model: weights and the forward pass.
export {
  INIT_STD,
  LM_HEAD,
  WPE,
  WTE,
  buildModel,
  randomModel,
  validateConfig,
  weightSpecs,
  type Model,
  type WeightSpec,
} from './model/weights.ts';
export { checkTokens, forward, type ForwardResult } from './model/gpt.ts';

// Ops, for teaching views that recompute one step (the forward pass uses them too).
export { erf, gelu, geluExact, geluTanh } from './ops/activations.ts';
export { add } from './ops/add.ts';
export {
  MASK_VALUE,
  attentionMix,
  attentionScores,
  causalMask,
  headResults,
  splitHeads,
  sumHeads,
  type QkvPart,
} from './ops/attention.ts';
export { embedding, positionRows, sinusoidalTable } from './ops/embedding.ts';
export {
  affine,
  layerNorm,
  layerNormStats,
  normalize,
  type LayerNormParts,
} from './ops/layernorm.ts';
export { linear, matmul } from './ops/linear.ts';
export { softmax } from './ops/softmax.ts';

// Sizing, model files and training (written by the io and train teams).
export * from './sizing.ts';
export * from './io/safetensors.ts';
export * from './io/model-file.ts';
export * from './train/train.ts';
export * from './train/evaluate.ts';
export * from './train/optim.ts';
export * from './train/loss.ts';
export * from './train/backward.ts';
export * from './train/defaults.ts';
export * from './train/tasks/index.ts';
