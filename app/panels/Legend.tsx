/**
 * The colour key: weights and activations each have a diverging scale.
 */
import type { UiText } from '../run/texts.ts';
import { ACTIVATION_SCALE, WEIGHT_SCALE, type Diverging } from '../scene/cells.ts';

const css = (c: readonly number[]) => `rgb(${c.join(',')})`;
const gradient = (s: Diverging) =>
  `linear-gradient(90deg, ${css(s.negative)}, ${css(s.zero)}, ${css(s.positive)})`;

export interface LegendProps {
  ui: UiText;
}

export function Legend({ ui }: LegendProps) {
  return (
    <div className="legend">
      {[
        { name: ui.legendWeights, scale: WEIGHT_SCALE },
        { name: ui.legendActivations, scale: ACTIVATION_SCALE },
      ].map((l) => (
        <div key={l.name} className="legend-row">
          <span className="legend-name">{l.name}</span>
          <span className="legend-end">{ui.legendNegative}</span>
          <span className="legend-bar" style={{ background: gradient(l.scale) }} />
          <span className="legend-end">{ui.legendPositive}</span>
        </div>
      ))}
    </div>
  );
}
