/**
 * The timeline scrubber: one position per step of the trace, with a mark where each layer
 * starts. Dragging it moves the current step; the model does not rerun.
 */
import { useMemo } from 'react';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import type { UiText } from '../run/texts.ts';
import { fill } from '../run/texts.ts';
import { layerStarts } from '../scene/timeline.ts';

export interface TimelineProps {
  run: RunResult;
  ui: UiText;
}

export function Timeline({ run, ui }: TimelineProps) {
  const step = useStore((s) => s.step);
  const count = useStore((s) => s.stepCount);
  const setStep = useStore((s) => s.setStep);
  const setPlaying = useStore((s) => s.setPlaying);
  const marks = useMemo(() => layerStarts(run.trace), [run]);
  const at = (i: number) => `${(i / Math.max(1, count - 1)) * 100}%`;

  return (
    <div className="timeline">
      <div className="timeline-track">
        <input
          type="range"
          aria-label={ui.timeline}
          min={0}
          max={Math.max(0, count - 1)}
          step={1}
          value={step}
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
        />
        <div className="timeline-marks" aria-hidden>
          {marks.map((m) => (
            <span key={m.layer} className="timeline-mark" style={{ left: at(m.step) }}>
              {m.layer}
            </span>
          ))}
        </div>
      </div>
      <span className="timeline-count" data-testid="step-count">
        {fill(ui.stepOf, { step: step + 1, count })}
      </span>
    </div>
  );
}
