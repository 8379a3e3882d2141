/**
 * The models the sizing panel compares: the running one and the GPT-2 and GPT-3 presets, each
 * with or without biases. Pure.
 */
import { PRESETS, type ModelConfig } from '../../../engine/model/config.ts';
import { sizing, type Sizing } from '../../../engine/sizing.ts';

/** Presets shown beside the running model, smallest first, with their display names. */
export const SIZING_PRESETS = [
  { id: 'gpt2', name: 'GPT-2 small', config: PRESETS.gpt2 },
  { id: 'gpt2Medium', name: 'GPT-2 medium', config: PRESETS.gpt2Medium },
  { id: 'gpt2Large', name: 'GPT-2 large', config: PRESETS.gpt2Large },
  { id: 'gpt2XL', name: 'GPT-2 XL', config: PRESETS.gpt2XL },
  { id: 'gpt3', name: 'GPT-3 175B', config: PRESETS.gpt3 },
] as const;

export interface SizedModel {
  readonly id: string;
  readonly name: string;
  readonly sizing: Sizing;
}

/**
 * The running model as it is, then each preset with `bias` set as asked. FLOPs are counted for a
 * full context (blockSize tokens) of each model.
 */
export function sizedModels(
  running: ModelConfig,
  runningName: string,
  bias: boolean,
): SizedModel[] {
  const presets = SIZING_PRESETS.map((p) => ({
    id: p.id,
    name: p.name,
    sizing: sizing({ ...p.config, bias } satisfies ModelConfig),
  }));
  return [{ id: 'running', name: runningName, sizing: sizing(running) }, ...presets];
}
