/**
 * Run slice: the loaded model, its input, the forward pass and the scene layout.
 * The trace and layout are large and immutable: the store holds references, never copies, and
 * components read them with narrow selectors.
 */
import type { StateCreator } from 'zustand';
import type { Model } from '../../engine/model/weights.ts';
import type { Trace } from '../../engine/trace.ts';
import type { SceneLayout } from '../scene/layout.ts';
import type { Texts } from '../run/texts.ts';

/** Everything one forward pass shows. */
export interface RunResult {
  /** Shipped model id, or e.g. `random-gpt2` for random weights of a preset. */
  readonly modelId: string;
  /** Name shown to the person. */
  readonly modelName: string;
  readonly model: Model;
  /** Token strings in id order. */
  readonly vocab: readonly string[];
  /** Prompt length: tokens before it were typed, tokens after it were generated. */
  readonly promptLength: number;
  readonly trace: Trace;
  readonly layout: SceneLayout;
}

export interface RunSlice {
  status: 'loading' | 'ready' | 'error';
  /** What went wrong, as the engine or loader said it. */
  error: string | null;
  run: RunResult | null;
  texts: Texts | null;
  setRun: (run: RunResult, texts: Texts) => void;
  setError: (message: string) => void;
}

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  status: 'loading',
  error: null,
  run: null,
  texts: null,
  setRun: (run, texts) => set({ run, texts, status: 'ready', error: null }),
  setError: (message) => set({ status: 'error', error: message }),
});
