/**
 * The page: the 3D scene filling the window, the current step on the left, the model's output
 * on the right (the panel area later issues extend), the timeline and controls at the bottom.
 */
import { useEffect } from 'react';
import { useStore } from './store/index.ts';
import { boot } from './run/actions.ts';
import { SceneCanvas } from './scene/SceneCanvas.tsx';
import { StepInfo } from './panels/StepInfo.tsx';
import { IoPanel } from './panels/io/IoPanel.tsx';
import { Inspector } from './panels/inspect/Inspector.tsx';
import { HoverTip } from './panels/inspect/HoverTip.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { Controls } from './panels/Controls.tsx';
import { Legend } from './panels/Legend.tsx';
import { usePlayback } from './panels/usePlayback.ts';
import { useKeyboard } from './panels/useKeyboard.ts';
import { Teach } from './chapters/Teach.tsx';
import { LearnButton } from './chapters/LearnButton.tsx';
import { SidePanel } from './panels/SidePanel.tsx';
import { ErrorPage } from './panels/ErrorPage.tsx';
import { Notice } from './panels/Notice.tsx';
import { RunStatus } from './panels/RunStatus.tsx';
import { RANDOM_PREFIX } from './run/load.ts';
import { modelLabel } from './run/texts.ts';
import { StepTab } from './panels/StepTab.tsx';

export function App() {
  const status = useStore((s) => s.status);
  const error = useStore((s) => s.error);
  const run = useStore((s) => s.run);
  const texts = useStore((s) => s.texts);
  const learnOpen = useStore((s) => s.learnOpen);
  usePlayback();
  useKeyboard();
  useEffect(() => void boot(), []);

  if (status === 'error') {
    return <ErrorPage error={error} />;
  }
  if (!run || !texts) {
    return (
      <main className="message" aria-busy>
        <p>{texts?.ui.loading ?? 'Loading…'}</p>
        {texts && <RunStatus ui={texts.ui} />}
      </main>
    );
  }
  const { ui } = texts;
  return (
    <div className="app">
      <div className="scene">
        <SceneCanvas run={run} />
      </div>
      <Teach run={run} />
      <header className="title" data-inset="top">
        <h1>{ui.title}</h1>
        <span>{ui.tagline}</span>
        {run.modelId.startsWith(RANDOM_PREFIX) && (
          <strong className="random-badge" data-testid="random-badge" title={ui.randomNote}>
            {modelLabel(ui, run.modelId, run.modelName)}
          </strong>
        )}
        <LearnButton />
        <Notice ui={ui} />
        <RunStatus ui={ui} />
      </header>
      {!learnOpen && (
        <SidePanel
          side="left"
          name={ui.stepPanel}
          showLabel={ui.showStepPanel}
          hideLabel={ui.hideStepPanel}
          summary={<StepTab run={run} />}
        >
          <StepInfo run={run} texts={texts} />
          <Legend ui={ui} />
        </SidePanel>
      )}
      <SidePanel
        side="right"
        name={ui.outputPanel}
        showLabel={ui.showOutputPanel}
        hideLabel={ui.hideOutputPanel}
        summary={ui.outputPanel}
      >
        <IoPanel run={run} texts={texts} />
        <Inspector run={run} texts={texts} />
      </SidePanel>
      <footer className="bottom" data-inset="bottom">
        <Timeline run={run} ui={ui} />
        <Controls run={run} ui={ui} />
        <p className="keys">{ui.keys}</p>
      </footer>
      <HoverTip run={run} texts={texts} />
    </div>
  );
}
