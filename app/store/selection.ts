/**
 * Selection slice: the block a person picked (the inspector shows it), the block under the
 * pointer, and the element of its tensor under the pointer (the hover tip and provenance).
 */
import type { StateCreator } from 'zustand';
import type { ViewSlice } from './view.ts';

/** One element of a block's tensor under the pointer. */
export interface HoverCell {
  /** Block id (step name, weight name or input_ids). */
  readonly id: string;
  /** Flat row-major index into the block's tensor. */
  readonly flat: number;
}

export interface SelectionSlice {
  /** Id of the block under the pointer. */
  hovered: string | null;
  /** Id of the block picked with a click. */
  selected: string | null;
  hoverCell: HoverCell | null;
  setHovered: (id: string | null) => void;
  setSelected: (id: string | null) => void;
  /** Sets the element under the pointer; a no-op when it is the same one. */
  setHoverCell: (cell: HoverCell | null) => void;
}

export const createSelectionSlice: StateCreator<
  SelectionSlice & ViewSlice,
  [],
  [],
  SelectionSlice
> = (set, get) => ({
  hovered: null,
  selected: null,
  hoverCell: null,
  setHovered: (hovered) => set({ hovered }),
  // The inspector lives in the right panel: picking a block unfolds it
  setSelected: (selected) =>
    set(selected ? { selected, panelOpen: { ...get().panelOpen, right: true } } : { selected }),
  setHoverCell: (cell) => {
    const now = get().hoverCell;
    if (now === cell || (now && cell && now.id === cell.id && now.flat === cell.flat)) return;
    set({ hoverCell: cell });
  },
});
