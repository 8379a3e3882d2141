/**
 * The app's one store, built from slices. Components subscribe with narrow selectors; the
 * frame loop reads with `useStore.getState()`.
 */
import { create } from 'zustand';
import { createPlaybackSlice, type PlaybackSlice } from './playback.ts';
import { createRunSlice, type RunSlice } from './run.ts';
import { createSelectionSlice, type SelectionSlice } from './selection.ts';
import { createTeachSlice, type TeachSlice } from './teach.ts';
import { createViewSlice, type ViewSlice } from './view.ts';

export type AppState = RunSlice & PlaybackSlice & SelectionSlice & ViewSlice & TeachSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createRunSlice(...a),
  ...createPlaybackSlice(...a),
  ...createSelectionSlice(...a),
  ...createViewSlice(...a),
  ...createTeachSlice(...a),
}));
