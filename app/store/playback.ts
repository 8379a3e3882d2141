/**
 * Playback slice: the current step of the timeline, playing or paused, and the speed.
 * Scrubbing only moves the index: the model never reruns.
 */
import type { StateCreator } from 'zustand';

/** Steps per second a person can choose while playing. */
export const SPEEDS = [1, 2, 4, 8, 16] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlaybackSlice {
  /** Index of the current step in the trace. */
  step: number;
  /** Steps in the trace (0 before a run). */
  stepCount: number;
  playing: boolean;
  speed: Speed;
  setStepCount: (n: number, start?: number) => void;
  /** Moves to a step, clamped to the trace. */
  setStep: (index: number) => void;
  stepBy: (delta: number) => void;
  setPlaying: (playing: boolean) => void;
  togglePlaying: () => void;
  setSpeed: (speed: Speed) => void;
}

const clamp = (i: number, n: number): number => Math.max(0, Math.min(n - 1, Math.round(i)));

export const createPlaybackSlice: StateCreator<PlaybackSlice, [], [], PlaybackSlice> = (
  set,
  get,
) => ({
  step: 0,
  stepCount: 0,
  playing: false,
  speed: 4,
  setStepCount: (n, start = n - 1) => set({ stepCount: n, step: clamp(start, n), playing: false }),
  setStep: (index) => set({ step: clamp(index, get().stepCount) }),
  stepBy: (delta) => set({ step: clamp(get().step + delta, get().stepCount) }),
  setPlaying: (playing) => {
    const { step, stepCount } = get();
    // Playing from the last step starts over from the first.
    set({ playing, step: playing && step >= stepCount - 1 ? 0 : step });
  },
  togglePlaying: () => get().setPlaying(!get().playing),
  setSpeed: (speed) => set({ speed }),
});
