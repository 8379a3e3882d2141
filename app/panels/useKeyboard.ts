/**
 * Keys: Space plays or pauses, left and right arrows step, Home and End jump to the ends.
 * Keys the focused control uses itself (typing, a slider's arrows, a menu) are left to it.
 */
import { useEffect } from 'react';
import { useStore } from '../store/index.ts';
import { ownsKey } from './keyOwner.ts';

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target instanceof HTMLElement && ownsKey(e.target, e.key)) return;
      const s = useStore.getState();
      if (s.stepCount === 0) return;
      const actions: Record<string, () => void> = {
        ' ': () => s.togglePlaying(),
        ArrowLeft: () => s.stepBy(-1),
        ArrowRight: () => s.stepBy(1),
        Home: () => s.setStep(0),
        End: () => s.setStep(s.stepCount - 1),
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      if (e.key !== ' ') s.setPlaying(false);
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
