/**
 * Model sizing: parameters and forward FLOPs per component, for any config.
 *
 * Dimension legend:
 *   T   tokens in the forward pass (nTokens, at most blockSize)
 *   C   residual width, nEmbd
 *   nh  attention heads, hs = C / nh their width
 *   M   MLP hidden width, mlpRatio * C
 *   V   vocabulary size
 *   L   number of blocks, nLayer
 *
 * The accounting is nanoGPT's transformer_sizing.ipynb: parameters are every float of the
 * state_dict except the causal-mask buffers; FLOPs count matrix multiplies only, 2 per
 * multiply-add (a (B, C) @ (C, D) product costs 2 * B * C * D), with no discount for the causal
 * mask, and the backward pass is estimated as twice the forward pass. LayerNorm, softmax, GELU
 * and the residual adds are left out of the FLOPs, as the notebook leaves them out.
 */
import { InputError } from './errors.ts';
import { headDim, mlpDim, type ModelConfig } from './model/config.ts';

/** FLOPs per multiply-add: one multiply and one add. */
export const FLOPS_PER_MAC = 2;
/** Backward pass cost as a multiple of the forward pass (nanoGPT's estimate). */
export const BACKWARD_PER_FORWARD = 2;

/** One row of a sizing table. */
export interface SizeItem {
  /** What is counted, readable in a table, e.g. "attention: q, k, v projection". */
  readonly label: string;
  /** Parameters or FLOPs. Exact integers for every preset (well below 2^53). */
  readonly count: number;
  /** count / the table's total (parameters total, or forward FLOPs total), in [0, 1]. */
  readonly share: number;
}

/** Parameters per component. Per-block items count one block; `blocks` counts all L. */
export interface ParamSizing {
  /** Token embedding wte, (V, C). */
  readonly wte: SizeItem;
  /** Learned position embedding wpe, (blockSize, C); 0 with sinusoids. */
  readonly wpe: SizeItem;
  /** One block's first LayerNorm: weight C, plus bias C. */
  readonly ln1: SizeItem;
  /** One block's c_attn: (3C, C) weight, plus 3C bias. */
  readonly attnCAttn: SizeItem;
  /** One block's attention c_proj: (C, C) weight, plus C bias. */
  readonly attnCProj: SizeItem;
  /** One block's attention: c_attn + c_proj. */
  readonly attn: SizeItem;
  /** One block's second LayerNorm. */
  readonly ln2: SizeItem;
  /** One block's c_fc: (M, C) weight, plus M bias. */
  readonly mlpCFc: SizeItem;
  /** One block's MLP c_proj: (C, M) weight, plus C bias. */
  readonly mlpCProj: SizeItem;
  /** One block's MLP: c_fc + c_proj. */
  readonly mlp: SizeItem;
  /** One whole block: ln1 + attn + ln2 + mlp. */
  readonly block: SizeItem;
  /** All L blocks. */
  readonly blocks: SizeItem;
  /** Final LayerNorm ln_f. */
  readonly lnF: SizeItem;
  /** LM head (V, C), never with a bias; 0 extra when tied to wte. */
  readonly lmHead: SizeItem;
  /** Everything: wte + wpe + blocks + ln_f + lm_head. */
  readonly total: SizeItem;
}

/** Forward FLOPs per component over T tokens. Per-layer items count one block. */
export interface FlopSizing {
  /** x @ c_attn: (T, C) @ (C, 3C). */
  readonly attnKqv: SizeItem;
  /** q @ k^T over all heads: nh * (T, hs) @ (hs, T). */
  readonly attnScores: SizeItem;
  /** pattern @ v over all heads: nh * (T, T) @ (T, hs). */
  readonly attnReduce: SizeItem;
  /** y @ c_proj: (T, C) @ (C, C). */
  readonly attnProj: SizeItem;
  /** One layer's attention: kqv + scores + reduce + proj. */
  readonly attn: SizeItem;
  /** x @ c_fc: (T, C) @ (C, M). */
  readonly mlpFfw1: SizeItem;
  /** h @ c_proj: (T, M) @ (M, C). */
  readonly mlpFfw2: SizeItem;
  /** One layer's MLP: ffw1 + ffw2. */
  readonly mlp: SizeItem;
  /** One block: attention + MLP. */
  readonly block: SizeItem;
  /** All L blocks. */
  readonly blocks: SizeItem;
  /** The dense LM head: (T, C) @ (C, V). */
  readonly lmHead: SizeItem;
  /** One forward pass: blocks + LM head. */
  readonly forward: SizeItem;
  /** The backward pass, estimated as BACKWARD_PER_FORWARD x forward. */
  readonly backward: SizeItem;
  /** Forward + backward: one training step on T tokens. */
  readonly total: SizeItem;
}

export interface Sizing {
  readonly config: ModelConfig;
  /** Tokens the FLOPs are counted for. */
  readonly nTokens: number;
  readonly params: ParamSizing;
  readonly flops: FlopSizing;
}

/** Parameters of a linear layer (out, in), with its bias when the config has biases. */
const linearParams = (c: ModelConfig, nIn: number, nOut: number): number =>
  nOut * nIn + (c.bias ? nOut : 0);

/** Parameters of a LayerNorm over C: weight, plus bias when the config has biases. */
const layerNormParams = (c: ModelConfig): number => c.nEmbd * (c.bias ? 2 : 1);

/** FLOPs of a (rows, inner) @ (inner, cols) product. */
const matmulFlops = (rows: number, inner: number, cols: number): number =>
  FLOPS_PER_MAC * rows * inner * cols;

/** Builds items sharing one total from [key, label, count] triples. */
function items<K extends string>(
  rows: readonly (readonly [K, string, number])[],
  total: number,
): Record<K, SizeItem> {
  const out = {} as Record<K, SizeItem>;
  for (const [key, label, count] of rows) {
    out[key] = { label, count, share: total === 0 ? 0 : count / total };
  }
  return out;
}

/** Parameters per component, as nanoGPT counts them. */
function paramSizing(c: ModelConfig): ParamSizing {
  const C = c.nEmbd;
  const M = mlpDim(c);

  // embeddings
  const wte = c.vocabSize * C; // (V, C)
  const wpe = c.posEncoding === 'learned' ? c.blockSize * C : 0; // (blockSize, C)

  // one block
  const ln = layerNormParams(c);
  const cAttn = linearParams(c, C, 3 * C); // (3C, C)
  const attnProj = linearParams(c, C, C); // (C, C)
  const cFc = linearParams(c, C, M); // (M, C)
  const mlpProj = linearParams(c, M, C); // (C, M)
  const block = 2 * ln + cAttn + attnProj + cFc + mlpProj;

  // head: a tied LM head reuses wte, so it adds nothing
  const lmHead = c.tiedLmHead ? 0 : c.vocabSize * C; // (V, C)
  const total = wte + wpe + c.nLayer * block + ln + lmHead;

  return items(
    [
      ['wte', 'token embedding (wte)', wte],
      ['wpe', 'position embedding (wpe)', wpe],
      ['ln1', 'per block: ln_1', ln],
      ['attnCAttn', 'per block: attention q, k, v projection (c_attn)', cAttn],
      ['attnCProj', 'per block: attention output projection (c_proj)', attnProj],
      ['attn', 'per block: attention', cAttn + attnProj],
      ['ln2', 'per block: ln_2', ln],
      ['mlpCFc', 'per block: MLP up projection (c_fc)', cFc],
      ['mlpCProj', 'per block: MLP down projection (c_proj)', mlpProj],
      ['mlp', 'per block: MLP', cFc + mlpProj],
      ['block', 'one block', block],
      ['blocks', `all ${c.nLayer} blocks`, c.nLayer * block],
      ['lnF', 'final LayerNorm (ln_f)', ln],
      ['lmHead', c.tiedLmHead ? 'LM head (tied to wte)' : 'LM head (lm_head)', lmHead],
      ['total', 'total parameters', total],
    ],
    total,
  );
}

/** Forward and backward FLOPs over T tokens, as nanoGPT counts them. */
function flopSizing(c: ModelConfig, T: number): FlopSizing {
  const C = c.nEmbd;
  const M = mlpDim(c);
  const hs = headDim(c);

  // attention, one layer
  const kqv = matmulFlops(T, C, 3 * C); // (T, C) @ (C, 3C) -> (T, 3C)
  const scores = c.nHead * matmulFlops(T, hs, T); // (nh, T, hs) @ (nh, hs, T) -> (nh, T, T)
  const reduce = c.nHead * matmulFlops(T, T, hs); // (nh, T, T) @ (nh, T, hs) -> (nh, T, hs)
  const proj = matmulFlops(T, C, C); // (T, C) @ (C, C) -> (T, C)
  const attn = kqv + scores + reduce + proj;

  // MLP, one layer
  const ffw1 = matmulFlops(T, C, M); // (T, C) @ (C, M) -> (T, M)
  const ffw2 = matmulFlops(T, M, C); // (T, M) @ (M, C) -> (T, C)
  const mlp = ffw1 + ffw2;

  // whole model: the LM head is a dense matmul whether or not its weights are tied
  const block = attn + mlp;
  const lmHead = matmulFlops(T, C, c.vocabSize); // (T, C) @ (C, V) -> (T, V)
  const forward = c.nLayer * block + lmHead;
  const backward = BACKWARD_PER_FORWARD * forward;

  return items(
    [
      ['attnKqv', 'per layer: attention q, k, v projection', kqv],
      ['attnScores', 'per layer: attention scores q k^T', scores],
      ['attnReduce', 'per layer: attention pattern @ v', reduce],
      ['attnProj', 'per layer: attention output projection', proj],
      ['attn', 'per layer: attention', attn],
      ['mlpFfw1', 'per layer: MLP up projection', ffw1],
      ['mlpFfw2', 'per layer: MLP down projection', ffw2],
      ['mlp', 'per layer: MLP', mlp],
      ['block', 'one block', block],
      ['blocks', `all ${c.nLayer} blocks`, c.nLayer * block],
      ['lmHead', 'LM head', lmHead],
      ['forward', 'forward pass', forward],
      ['backward', 'backward pass (estimate: 2x forward)', backward],
      ['total', 'forward + backward', forward + backward],
    ],
    forward,
  );
}

/**
 * Parameters and FLOPs per component of a GPT, with nanoGPT's transformer_sizing accounting.
 * Shares in `params` are of the total parameter count; shares in `flops` are of one forward pass.
 * @param config the model's config.
 * @param nTokens tokens in the forward pass, T; defaults to the full context, blockSize.
 * @throws InputError when nTokens is not an integer from 1 to blockSize.
 */
export function sizing(config: ModelConfig, nTokens: number = config.blockSize): Sizing {
  if (!Number.isInteger(nTokens) || nTokens < 1 || nTokens > config.blockSize) {
    throw new InputError(
      `sizing: nTokens must be an integer from 1 to blockSize ${config.blockSize}, got ${nTokens}`,
    );
  }
  return { config, nTokens, params: paramSizing(config), flops: flopSizing(config, nTokens) };
}
