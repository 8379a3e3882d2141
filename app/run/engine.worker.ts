/**
 * The engine's worker: loads each model once (the page gets a copy of its weights, once) and
 * runs greedy generation on it, so the page's thread stays free while a large model computes.
 * A thin wrapper around load.ts and session.ts; engine.ts is the page's side.
 */
import { expose, transfer } from 'comlink';
import { InputError } from '../../engine/errors.ts';
import { loadModel } from './load.ts';
import { generateFor, type Generated } from './session.ts';
import { packModel, passBuffers, type ModelPack } from './transfer.ts';

/** A run's outcome: what the engine computed, or why it refused the input. */
export type RunReply = { readonly generated: Generated } | { readonly inputError: string };

const api = {
  /** A copy of model `id` (null: the index's default), loaded from `base` (an absolute URL). */
  async load(base: string, id: string | null): Promise<ModelPack> {
    const { value, transfer: buffers } = packModel(await loadModel(base, id));
    return transfer(value, buffers);
  },

  /** Greedy generation of model `id` on `text`; its passes are transferred, not copied. */
  async run(base: string, id: string, text: string): Promise<RunReply> {
    const loaded = await loadModel(base, id);
    try {
      const generated = generateFor(loaded, text);
      return transfer({ generated }, passBuffers(generated.passes, loaded.model));
    } catch (e) {
      if (e instanceof InputError) return { inputError: e.message };
      throw e;
    }
  },
};

export type EngineApi = typeof api;

expose(api);
