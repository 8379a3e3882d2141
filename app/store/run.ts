/**
 * Run slice: the loaded model, its input, the generation step shown, its forward pass and the
 * scene layout. The trace and layout are large and immutable: the store holds references, never
 * copies, and components read them with narrow selectors.
 */
import type { StateCreator } from 'zustand';
import type { PlaybackSlice } from './playback.ts';
import type { SelectionSlice } from './selection.ts';
import type { Model } from '../../engine/model/weights.ts';
import type { Trace } from '../../engine/trace.ts';
import type { SceneLayout } from '../scene/layout.ts';
import type { Texts } from '../run/texts.ts';
import type { ModelEntry } from '../run/load.ts';
import type { Session } from '../run/session.ts';

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
  /** The forward pass of the generation step shown. */
  readonly trace: Trace;
  readonly layout: SceneLayout;
  /** The input, the greedy answer and every generation step's pass. */
  readonly session: Session;
  /** Index of the generation step shown, 0-based (the last one reads the full sequence). */
  readonly gen: number;
}

/** What a run in progress computes. */
export interface PendingRun {
  readonly modelId: string;
  /** The input it reads; null for the model's example. */
  readonly input: string | null;
}

export interface RunSlice {
  status: 'loading' | 'ready' | 'error';
  /** What went wrong, as the engine or loader said it. */
  error: string | null;
  run: RunResult | null;
  texts: Texts | null;
  /** Why the last input typed was refused (the run shown is the last good one), or null. */
  inputError: string | null;
  /** What of the page's link could not be shown (a step or block the model lacks), or null. */
  notice: string | null;
  /** The run the engine is computing (the run shown stays until it is ready), or null. */
  pending: PendingRun | null;
  /** The shipped models a person can pick. */
  models: readonly ModelEntry[];
  setRun: (run: RunResult, texts: Texts) => void;
  /** Texts alone, before a run exists (the error page uses them). */
  setTexts: (texts: Texts) => void;
  /** Shows another run (new input, generation step or model); texts stay. */
  showRun: (run: RunResult) => void;
  /**
   * Shows another model's run with the timeline at its last step, in one update: a subscriber
   * never sees the new run with the old step count (or the old run with the new step).
   */
  switchRun: (run: RunResult) => void;
  setError: (message: string) => void;
  setInputError: (message: string | null) => void;
  setPending: (pending: PendingRun | null) => void;
  setNotice: (notice: string | null) => void;
  setModels: (models: readonly ModelEntry[]) => void;
}

export const createRunSlice: StateCreator<
  RunSlice & PlaybackSlice & SelectionSlice,
  [],
  [],
  RunSlice
> = (set, get) => ({
  status: 'loading',
  error: null,
  run: null,
  texts: null,
  inputError: null,
  pending: null,
  notice: null,
  models: [],
  setRun: (run, texts) => set({ run, texts, status: 'ready', error: null }),
  setTexts: (texts) => set({ texts }),
  // A refused input stays refused while its box still holds it: only a new session clears it
  showRun: (run) =>
    set({ run, inputError: run.session === get().run?.session ? get().inputError : null }),
  switchRun: (run) => {
    const n = run.trace.steps.length;
    const { selected } = get();
    set({
      run,
      inputError: null,
      stepCount: n,
      step: n - 1,
      playing: false,
      hoverCell: null,
      hovered: null,
      selected: selected && run.layout.byId.has(selected) ? selected : null,
    });
  },
  setError: (message) => set({ status: 'error', error: message }),
  setInputError: (inputError) => set({ inputError }),
  setPending: (pending) => set({ pending }),
  setNotice: (notice) => set({ notice }),
  setModels: (models) => set({ models }),
});
