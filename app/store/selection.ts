/**
 * Selection slice: the block a person points at or picked (for the inspector panel to come).
 */
import type { StateCreator } from 'zustand';

export interface SelectionSlice {
  /** Id of the block under the pointer. */
  hovered: string | null;
  /** Id of the block picked with a click. */
  selected: string | null;
  setHovered: (id: string | null) => void;
  setSelected: (id: string | null) => void;
}

export const createSelectionSlice: StateCreator<SelectionSlice, [], [], SelectionSlice> = (
  set,
) => ({
  hovered: null,
  selected: null,
  setHovered: (hovered) => set({ hovered }),
  setSelected: (selected) => set({ selected }),
});
