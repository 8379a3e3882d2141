/**
 * The model config: every hyper-parameter that fixes a GPT's shapes and its forward math.
 * Defaults follow nanoGPT / GPT-2 where a default exists.
 */

/** LayerNorm epsilon of nn.LayerNorm, nanoGPT and GPT-2. */
export const LAYER_NORM_EPS = 1e-5;
/** Width of the MLP hidden layer as a multiple of nEmbd (GPT-2: 4). */
export const MLP_RATIO = 4;
/** Base of the sinusoidal position encoding ("Attention Is All You Need", section 3.5). */
export const SINUSOID_BASE = 10000;

export type Activation = 'gelu' | 'gelu_tanh';
export type PosEncoding = 'learned' | 'sinusoidal';

export interface ModelConfig {
  /** Number of token ids the model reads and predicts. */
  vocabSize: number;
  /** Longest sequence the model accepts (the context length). */
  blockSize: number;
  /** Number of transformer blocks. */
  nLayer: number;
  /** Attention heads per block; nEmbd must divide evenly by it. */
  nHead: number;
  /** Width of the residual stream (d_model). */
  nEmbd: number;
  /** MLP hidden width = mlpRatio * nEmbd. */
  mlpRatio: number;
  /** Linear layers and LayerNorms carry biases. */
  bias: boolean;
  /** MLP activation: exact GELU (erf) or its tanh approximation (GPT-2, minGPT NewGELU). */
  activation: Activation;
  /** Learned position embeddings (wpe) or fixed sinusoids (no weights). */
  posEncoding: PosEncoding;
  /** The LM head shares its weights with the token embedding (wte). */
  tiedLmHead: boolean;
  /** LayerNorm epsilon. */
  layerNormEps: number;
}

/** Fills in defaults for the optional fields. */
export function makeConfig(
  c: Pick<ModelConfig, 'vocabSize' | 'blockSize' | 'nLayer' | 'nHead' | 'nEmbd'> &
    Partial<ModelConfig>,
): ModelConfig {
  return {
    mlpRatio: MLP_RATIO,
    bias: true,
    activation: 'gelu_tanh',
    posEncoding: 'learned',
    tiedLmHead: false,
    layerNormEps: LAYER_NORM_EPS,
    ...c,
  };
}

/** Width of one attention head. */
export const headDim = (c: ModelConfig): number => c.nEmbd / c.nHead;
/** Width of the MLP hidden layer. */
export const mlpDim = (c: ModelConfig): number => c.mlpRatio * c.nEmbd;

/** Presets used by tests, benchmarks and the sizing panel. */
export const PRESETS = {
  /** minGPT's gpt-nano on the sorting demo (the PyTorch reference). */
  mingptSort: makeConfig({ vocabSize: 3, blockSize: 11, nLayer: 3, nHead: 3, nEmbd: 48 }),
  gpt2: makeConfig({
    vocabSize: 50257,
    blockSize: 1024,
    nLayer: 12,
    nHead: 12,
    nEmbd: 768,
    tiedLmHead: true,
  }),
  gpt2Medium: makeConfig({
    vocabSize: 50257,
    blockSize: 1024,
    nLayer: 24,
    nHead: 16,
    nEmbd: 1024,
    tiedLmHead: true,
  }),
  gpt2Large: makeConfig({
    vocabSize: 50257,
    blockSize: 1024,
    nLayer: 36,
    nHead: 20,
    nEmbd: 1280,
    tiedLmHead: true,
  }),
  gpt2XL: makeConfig({
    vocabSize: 50257,
    blockSize: 1024,
    nLayer: 48,
    nHead: 25,
    nEmbd: 1600,
    tiedLmHead: true,
  }),
  gpt3: makeConfig({
    vocabSize: 50257,
    blockSize: 2048,
    nLayer: 96,
    nHead: 96,
    nEmbd: 12288,
    tiedLmHead: true,
  }),
} as const satisfies Record<string, ModelConfig>;
