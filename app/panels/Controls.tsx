/**
 * Playback and view controls: ends, step back and forward, play and pause with a speed,
 * jump to a block, camera follow and reset.
 */
import { useMemo } from 'react';
import { SPEEDS, type Speed } from '../store/playback.ts';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { fill, type UiText } from '../run/texts.ts';
import { layerStarts } from '../scene/timeline.ts';

/**
 * Transport glyphs, told apart at a glance: a bar is a stop, one triangle one step, two
 * triangles all the way; play alone is a bare triangle. The names are in the UI text.
 */
const GLYPHS = {
  first: '|◀◀',
  stepBack: '|◀',
  play: '▶',
  pause: '❚❚',
  stepForward: '▶|',
  last: '▶▶|',
} as const;

export interface ControlsProps {
  run: RunResult;
  ui: UiText;
}

export function Controls({ run, ui }: ControlsProps) {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const follow = useStore((s) => s.follow);
  const count = useStore((s) => s.stepCount);
  const { setStep, stepBy, togglePlaying, setSpeed, setFollow, resetView, setPlaying } =
    useStore.getState();
  const marks = useMemo(() => layerStarts(run.trace), [run]);
  const headStart = run.trace.steps.findIndex(
    (s) => s.layer === null && s.index > 0 && s.name.startsWith('ln_final'),
  );
  const step = useStore((s) => s.step);
  const sections = [
    { step: 0, name: ui.embedding },
    ...marks.map((m) => ({ step: m.step, name: fill(ui.layerOption, { layer: m.layer }) })),
    { step: headStart, name: ui.head },
  ];
  // The section the current step is in, shown by the menu until a person picks another
  const here = sections.filter((s) => s.step <= step).pop() ?? sections[0];
  const go = (f: () => void) => () => {
    setPlaying(false);
    f();
  };

  return (
    <div className="controls">
      <button type="button" title={ui.first} aria-label={ui.first} onClick={go(() => setStep(0))}>
        {GLYPHS.first}
      </button>
      <button
        type="button"
        title={ui.stepBack}
        aria-label={ui.stepBack}
        onClick={go(() => stepBy(-1))}
      >
        {GLYPHS.stepBack}
      </button>
      <button
        type="button"
        className="play"
        aria-label={playing ? ui.pause : ui.play}
        title={playing ? ui.pause : ui.play}
        onClick={togglePlaying}
      >
        {playing ? GLYPHS.pause : GLYPHS.play}
      </button>
      <button
        type="button"
        title={ui.stepForward}
        aria-label={ui.stepForward}
        onClick={go(() => stepBy(1))}
      >
        {GLYPHS.stepForward}
      </button>
      <button
        type="button"
        title={ui.last}
        aria-label={ui.last}
        onClick={go(() => setStep(count - 1))}
      >
        {GLYPHS.last}
      </button>
      <label>
        {ui.speed}{' '}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} {s === 1 ? ui.stepPerSecond : ui.stepsPerSecond}
            </option>
          ))}
        </select>
      </label>
      <label>
        {ui.layer}{' '}
        <select
          aria-label={ui.layer}
          value=""
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
        >
          <option value="" disabled>
            {fill(ui.layerNow, { section: here.name })}
          </option>
          {sections.map((s) => (
            <option key={s.step} value={s.step}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
        {ui.follow}
      </label>
      <button type="button" onClick={resetView}>
        {ui.resetView}
      </button>
    </div>
  );
}
