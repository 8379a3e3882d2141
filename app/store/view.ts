/**
 * View slice: how the camera behaves and which side panels are open. `resetCount` is bumped to
 * ask the camera rig to frame the whole model again.
 */
import type { StateCreator } from 'zustand';

/** A side of the page that holds a panel. */
export type Side = 'left' | 'right';

export interface ViewSlice {
  /** The camera glides to frame the current step. */
  follow: boolean;
  resetCount: number;
  /**
   * Side panels shown in full (a folded one is a small tab). The step panel starts folded, so
   * that the first view gives the model most of the window.
   */
  panelOpen: Readonly<Record<Side, boolean>>;
  setFollow: (follow: boolean) => void;
  resetView: () => void;
  setPanelOpen: (side: Side, open: boolean) => void;
}

export const createViewSlice: StateCreator<ViewSlice, [], [], ViewSlice> = (set, get) => ({
  follow: true,
  resetCount: 0,
  panelOpen: { left: false, right: true },
  setFollow: (follow) => set({ follow }),
  resetView: () => set({ resetCount: get().resetCount + 1 }),
  setPanelOpen: (side, open) => set({ panelOpen: { ...get().panelOpen, [side]: open } }),
});
