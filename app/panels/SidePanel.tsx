/**
 * A side panel that folds away: open, it shows its content with a hide button at the top; folded,
 * only a small tab with a summary (the step name, the model) that opens it again. Either way its
 * box is a panel inset (a tab's at the top), so the camera frames the model in the area left free.
 */
import { useId, type ReactNode } from 'react';
import { useStore } from '../store/index.ts';
import type { Side } from '../store/view.ts';

export interface SidePanelProps {
  side: Side;
  /** The panel's name, for its landmark and its toggle (e.g. "Step"). */
  name: string;
  /** Toggle labels, e.g. "Hide the step panel". */
  showLabel: string;
  hideLabel: string;
  /** What the folded tab shows beside its arrow. */
  summary: ReactNode;
  children: ReactNode;
}

export function SidePanel({ side, name, showLabel, hideLabel, summary, children }: SidePanelProps) {
  const open = useStore((s) => s.panelOpen[side]);
  const setPanelOpen = useStore((s) => s.setPanelOpen);
  const id = useId();
  // The arrow points the way the panel moves
  const [hide, show] = side === 'left' ? ['‹', '›'] : ['›', '‹'];

  if (!open) {
    return (
      // A folded tab is short: it takes a strip off the top, not a column off its side
      <div className={`panel-tab ${side}`} data-inset="top">
        <button
          type="button"
          aria-expanded={false}
          aria-controls={id}
          aria-label={showLabel}
          title={showLabel}
          onClick={() => setPanelOpen(side, true)}
        >
          {side === 'right' && <span aria-hidden>{show}</span>}
          <span className="panel-tab-summary">{summary}</span>
          {side === 'left' && <span aria-hidden>{show}</span>}
        </button>
      </div>
    );
  }
  return (
    <aside id={id} className={side} data-inset={side} aria-label={name}>
      <button
        type="button"
        className="panel-hide"
        aria-expanded
        aria-controls={id}
        aria-label={hideLabel}
        title={hideLabel}
        onClick={() => setPanelOpen(side, false)}
      >
        {hide}
      </button>
      {children}
    </aside>
  );
}
