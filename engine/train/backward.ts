/**
 * The backward pass of the whole GPT: from the mean cross-entropy of next-token targets back to
 * every parameter, reading the intermediate tensors the forward recorded in its Trace.
 *
 * Dimension legend:
 *   T    token positions of one sequence
 *   C    nEmbd (d_model)
 *   nh   heads, hs = C / nh (d_head)
 *   M    mlpRatio * C (d_mlp)
 *   V    vocabulary entries
 *
 * Gradients are keyed by state_dict names (weightSpecs). A tied head has no lm_head.weight
 * entry: its gradient joins wte's. Sinusoidal positions have no wpe. A batch is a list of
 * (trace, targets) pairs; the loss is the mean over every scored position of the batch.
 */
import { headDim, mlpDim, type ModelConfig } from '../model/config.ts';
import { LM_HEAD, WPE, WTE, weightSpecs, type Model } from '../model/weights.ts';
import type { Trace } from '../trace.ts';
import { geluBackward, geluTanhBackward } from '../ops/activations-grad.ts';
import { addBackward } from '../ops/add-grad.ts';
import { attentionBackward } from '../ops/attention-grad.ts';
import { embeddingBackward } from '../ops/embedding-grad.ts';
import { layerNormBackward } from '../ops/layernorm-grad.ts';
import { linearBackward } from '../ops/linear-grad.ts';
import { countScored, crossEntropy } from './loss.ts';

/** One gradient array per trainable parameter, keyed by state_dict name. */
export type Gradients = Map<string, Float32Array>;

/** A sequence of a batch: its forward trace and next-token targets (NOT_SCORED to skip). */
export interface BatchItem {
  readonly trace: Trace;
  readonly targets: readonly number[];
}

/** Names of the trainable parameters: weightSpecs, without lm_head.weight when it is tied. */
export function trainableNames(config: ModelConfig): string[] {
  return [...weightSpecs(config).keys()].filter((n) => !(config.tiedLmHead && n === LM_HEAD));
}

/** Zeroed gradients for every trainable parameter. */
export function zeroGradients(config: ModelConfig): Gradients {
  const specs = weightSpecs(config);
  const grads: Gradients = new Map();
  for (const name of trainableNames(config)) {
    const n = specs.get(name)!.shape.reduce((a, b) => a * b, 1);
    grads.set(name, new Float32Array(n)); // shape of the parameter
  }
  return grads;
}

/** Weight data by name; a bias the config does not have is null. */
function param(model: Model, name: string): Float32Array | null {
  return model.weights.get(name)?.data ?? null;
}

/** Gradient buffer by name; a bias the config does not have is null. */
function grad(grads: Gradients, name: string): Float32Array | null {
  return grads.get(name) ?? null;
}

/** How a batch's per-position losses combine: mean over scored positions (nanoGPT), or sum. */
export type Reduction = 'mean' | 'sum';

/**
 * Adds the gradients of the batch's cross-entropy to grads.
 * @param model the weights the traces were computed with
 * @param batch traces of forward(model, tokens) with targets (T) each
 * @param grads from zeroGradients, added to in place
 * @param reduction 'mean' over every scored position of the batch (default), or 'sum'
 * @returns the loss so reduced (NaN for a mean when nothing is scored)
 */
export function gptBackward(
  model: Model,
  batch: readonly BatchItem[],
  grads: Gradients,
  reduction: Reduction = 'mean',
): number {
  const scale = reduction === 'mean' ? 1 / countScored(batch.map((b) => b.targets)) : 1;
  let lossSum = 0;
  for (const item of batch) lossSum += sequenceBackward(model, item, grads, scale);
  return lossSum * scale;
}

/** Backward of one sequence, its loss terms weighted by scale. @returns its summed loss */
function sequenceBackward(model: Model, item: BatchItem, grads: Gradients, scale: number): number {
  const config = model.config;
  const { trace, targets } = item;
  const T = trace.tokens.length;
  const C = config.nEmbd;
  const nh = config.nHead;
  const hs = headDim(config);
  const M = mlpDim(config);
  const V = config.vocabSize;
  if (targets.length !== T) {
    throw new Error(`gptBackward: ${targets.length} targets for ${T} tokens`);
  }
  const rec = new Map(trace.steps.map((s) => [s.name, s.output.data]));
  const out = (name: string): Float32Array => {
    const d = rec.get(name);
    if (!d) throw new Error(`gptBackward: the trace has no step '${name}'`);
    return d;
  };

  // loss and dL/dlogits   (T, V)
  const dLogits = new Float32Array(T * V); // (T, V)
  const loss = crossEntropy(out('hook_logits'), targets, dLogits, scale);

  // LM head, then the final LayerNorm
  const head = config.tiedLmHead ? WTE : LM_HEAD;
  const dLnf = new Float32Array(T * C); // (T, C)
  linearBackward(
    out('ln_final.hook_out'),
    param(model, head) ?? param(model, WTE)!,
    dLogits,
    { T, nIn: C, nOut: V },
    { dx: dLnf, dW: grads.get(head)!, db: null },
  );
  let dResid = new Float32Array(T * C); // dL/d(residual stream)   (T, C)
  lnBackward(model, grads, 'ln_final', 'transformer.ln_f', dLnf, dResid, out);

  // blocks, last to first; dResid enters as dL/d(resid_post) and leaves as dL/d(resid_pre)
  for (let l = config.nLayer - 1; l >= 0; l--) {
    const b = `blocks.${l}`;
    const w = `transformer.h.${l}`;

    // MLP: resid_post = resid_mid + c_proj(gelu(c_fc(ln_2(resid_mid))))
    const dResidMid = new Float32Array(T * C); // (T, C)
    addBackward(dResid, dResidMid);
    const dPost = new Float32Array(T * M); // (T, M)
    linearBackward(
      out(`${b}.mlp.hook_post`),
      param(model, `${w}.mlp.c_proj.weight`)!,
      dResid,
      { T, nIn: M, nOut: C },
      {
        dx: dPost,
        dW: grads.get(`${w}.mlp.c_proj.weight`)!,
        db: grad(grads, `${w}.mlp.c_proj.bias`),
      },
    );
    const dPre = new Float32Array(T * M); // (T, M)
    const act = config.activation === 'gelu' ? geluBackward : geluTanhBackward;
    act(out(`${b}.mlp.hook_pre`), dPost, dPre);
    const dLn2 = new Float32Array(T * C); // (T, C)
    linearBackward(
      out(`${b}.ln2.hook_out`),
      param(model, `${w}.mlp.c_fc.weight`)!,
      dPre,
      { T, nIn: C, nOut: M },
      { dx: dLn2, dW: grads.get(`${w}.mlp.c_fc.weight`)!, db: grad(grads, `${w}.mlp.c_fc.bias`) },
    );
    lnBackward(model, grads, `${b}.ln2`, `${w}.ln_2`, dLn2, dResidMid, out);

    // attention: resid_mid = resid_pre + c_proj(attention(c_attn(ln_1(resid_pre))))
    const dResidPre = new Float32Array(T * C); // (T, C)
    addBackward(dResidMid, dResidPre);
    const dz = new Float32Array(T * C); // (T, nh, hs) read as (T, C)
    linearBackward(
      out(`${b}.attn.hook_z`),
      param(model, `${w}.attn.c_proj.weight`)!,
      dResidMid,
      { T, nIn: C, nOut: C },
      {
        dx: dz,
        dW: grads.get(`${w}.attn.c_proj.weight`)!,
        db: grad(grads, `${w}.attn.c_proj.bias`),
      },
    );
    const dQkv = new Float32Array(T * 3 * C); // (T, 3C)
    attentionBackward(
      out(`${b}.attn.hook_q`),
      out(`${b}.attn.hook_k`),
      out(`${b}.attn.hook_v`),
      out(`${b}.attn.hook_pattern`),
      dz,
      { T, nh, hs },
      dQkv,
    );
    const dLn1 = new Float32Array(T * C); // (T, C)
    linearBackward(
      out(`${b}.ln1.hook_out`),
      param(model, `${w}.attn.c_attn.weight`)!,
      dQkv,
      { T, nIn: C, nOut: 3 * C },
      {
        dx: dLn1,
        dW: grads.get(`${w}.attn.c_attn.weight`)!,
        db: grad(grads, `${w}.attn.c_attn.bias`),
      },
    );
    lnBackward(model, grads, `${b}.ln1`, `${w}.ln_1`, dLn1, dResidPre, out);
    dResid = dResidPre;
  }

  // embeddings: resid_pre of block 0 = wte[ids] + position rows
  embeddingBackward(trace.tokens, dResid, grads.get(WTE)!, C);
  const dWpe = grads.get(WPE);
  if (dWpe) addBackward(dResid, dWpe.subarray(0, T * C));
  return loss;
}

/** Backward of one LayerNorm (trace prefix `hook`, weights `w`), adding into dx. */
function lnBackward(
  model: Model,
  grads: Gradients,
  hook: string,
  w: string,
  dy: Float32Array,
  dx: Float32Array,
  out: (name: string) => Float32Array,
): void {
  layerNormBackward(
    out(`${hook}.hook_normalized`),
    out(`${hook}.hook_scale`),
    param(model, `${w}.weight`)!,
    dy,
    {
      dx,
      dGamma: grads.get(`${w}.weight`)!,
      dBeta: grad(grads, `${w}.bias`),
    },
  );
}
