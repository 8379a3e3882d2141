/**
 * Keys: Space plays or pauses, left and right arrows step, Home and End jump to the ends.
 * Keys typed into text fields and menus are left alone.
 */
import { useEffect } from 'react';
import { useStore } from '../store/index.ts';

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    t.isContentEditable ||
    (t instanceof HTMLInputElement && t.type !== 'range' && t.type !== 'checkbox'));

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
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
