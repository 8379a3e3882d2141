/**
 * Plays the timeline: while playing, moves one step forward at the chosen speed and stops at
 * the last step.
 */
import { useEffect } from 'react';
import { useStore } from '../store/index.ts';

const MS_PER_SECOND = 1000;

export function usePlayback(): void {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const { step, stepCount, stepBy, setPlaying } = useStore.getState();
      if (step >= stepCount - 1) setPlaying(false);
      else stepBy(1);
    }, MS_PER_SECOND / speed);
    return () => window.clearInterval(timer);
  }, [playing, speed]);
}
