/**
 * View slice: how the camera behaves. `resetCount` is bumped to ask the camera rig to frame
 * the whole model again.
 */
import type { StateCreator } from 'zustand';

export interface ViewSlice {
  /** The camera glides to frame the current step. */
  follow: boolean;
  resetCount: number;
  setFollow: (follow: boolean) => void;
  resetView: () => void;
}

export const createViewSlice: StateCreator<ViewSlice, [], [], ViewSlice> = (set, get) => ({
  follow: true,
  resetCount: 0,
  setFollow: (follow) => set({ follow }),
  resetView: () => set({ resetCount: get().resetCount + 1 }),
});
