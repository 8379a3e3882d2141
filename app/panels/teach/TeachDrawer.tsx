/**
 * The teaching panel a chapter opens beside its text.
 */
import type { PanelId } from '../../chapters/parse.ts';
import { group, label, type TeachText } from '../../chapters/teachText.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { LayerNormPanel } from './LayerNormPanel.tsx';
import { MlpPanel } from './MlpPanel.tsx';
import { PosEncPanel } from './PosEncPanel.tsx';
import { SamplingPanel } from './SamplingPanel.tsx';
import { SizingPanel } from './SizingPanel.tsx';
import { TokenPicker } from './TokenPicker.tsx';

export interface TeachDrawerProps {
  panel: PanelId;
  run: RunResult;
  text: TeachText;
}

const PANELS = {
  posenc: PosEncPanel,
  layernorm: LayerNormPanel,
  mlp: MlpPanel,
  sampling: SamplingPanel,
  sizing: SizingPanel,
} as const;

export function TeachDrawer({ panel, run, text }: TeachDrawerProps) {
  const setDrawerOpen = useStore((s) => s.setDrawerOpen);
  const Panel = PANELS[panel];
  const title = group(text, 'panels')[panel];
  return (
    <section className="teach-drawer" aria-label={title} data-testid={`panel-${panel}`}>
      <header>
        <h3>{title}</h3>
        <button
          type="button"
          aria-label={label(text, 'hidePanel')}
          onClick={() => setDrawerOpen(false)}
        >
          ×
        </button>
      </header>
      {panel !== 'sizing' && <TokenPicker run={run} label={label(text, 'token')} />}
      <Panel run={run} t={group(text, panel)} />
    </section>
  );
}
