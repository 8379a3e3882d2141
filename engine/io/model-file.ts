/**
 * Model files: a trained model ships as two files side by side,
 *   assets/models/<id>.safetensors   the weights, named as nanoGPT's state_dict names them
 *   assets/models/<id>.json          the model card: config, task, training run and results
 * and assets/models/index.json lists the shipped ids.
 *
 * Shapes of the stored tensors (C = n_embd, V = vocab_size, M = mlp_ratio * C) are those of
 * weightSpecs(config): wte (V, C), wpe (block_size, C), c_attn (3C, C), c_fc (M, C), ...
 *
 * Tied LM head: nanoGPT's state_dict holds both transformer.wte.weight and lm_head.weight sharing
 * one storage, and safetensors forbids shared tensors, so when the card says tied_lm_head the
 * file holds wte only and buildModel fills lm_head from it. An untied model writes both.
 */
import { WeightError } from '../errors.ts';
import { buildModel, LM_HEAD, weightSpecs, WTE, type Model } from '../model/weights.ts';
import { configToCardConfig, parseCard, cardToConfig, type ModelCard } from './model-card.ts';
import { readSafetensors, writeSafetensors, type TensorData } from './safetensors.ts';

export type { CardConfig, CardResults, CardTask, CardTraining, ModelCard } from './model-card.ts';
export { cardToConfig, configToCardConfig, parseCard } from './model-card.ts';

/** Safetensors metadata marking PyTorch tensor names and layout (what safetensors' torch API writes). */
export const SAFETENSORS_METADATA = { format: 'pt' } as const;
/** Spaces per indent level of a saved card. */
const CARD_INDENT = 2;

/**
 * Loads a model from its card (parsed JSON) and its safetensors bytes.
 * F16 and BF16 files are widened to float32.
 * @throws FormatError for a bad card or file, WeightError for weights that do not fit the card.
 */
export function loadModelFiles(
  cardJson: unknown,
  safetensorsBytes: Uint8Array,
): { model: Model; card: ModelCard } {
  const card = parseCard(cardJson);
  const { tensors } = readSafetensors(safetensorsBytes);
  return { model: buildModel(cardToConfig(card), tensors), card };
}

/**
 * Saves a model as its two files. The card's config block is rewritten from model.config, so the
 * pair always loads back; tensors are written in state_dict order, lm_head.weight only when untied.
 * @returns the card as pretty JSON text and the safetensors bytes.
 * @throws FormatError when the card (with the model's config) is not a valid card.
 */
export function saveModelFiles(
  model: Model,
  card: ModelCard,
): { card: string; safetensors: Uint8Array } {
  const out = parseCard({ ...card, config: configToCardConfig(model.config) });

  // every parameter in state_dict order; a tied head is wte, so it is left out
  const tensors = new Map<string, TensorData>();
  for (const name of weightSpecs(model.config).keys()) {
    const w = model.weights.get(name);
    if (!w) throw new WeightError(`saveModelFiles: the model has no weight '${name}'`);
    if (name === LM_HEAD && model.config.tiedLmHead) {
      const wte = model.weights.get(WTE)!.data;
      if (w.data !== wte && w.data.some((v, i) => v !== wte[i])) {
        throw new WeightError(
          `saveModelFiles: ${LM_HEAD} differs from ${WTE} but the config ties them`,
        );
      }
      continue;
    }
    tensors.set(name, { shape: w.shape, data: w.data }); // shape of weightSpecs
  }
  return {
    card: `${JSON.stringify(out, null, CARD_INDENT)}\n`,
    safetensors: writeSafetensors(tensors, SAFETENSORS_METADATA),
  };
}
