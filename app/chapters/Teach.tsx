/**
 * The learning side of the app, mounted once a run exists: it loads the chapters, follows the
 * URL, and shows the chapter panel and the architectures-at-scale view when they are open.
 */
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { ScaleView } from '../scene/scale/ScaleView.tsx';
import { LearnPanel } from './LearnPanel.tsx';
import { useTeach } from './useTeach.ts';

/** Files are fetched relative to the page, as the rest of the app does. */
const BASE = './';

export function Teach({ run }: { run: RunResult }) {
  useTeach(BASE, run);
  const open = useStore((s) => s.learnOpen);
  const scale = useStore((s) => s.scaleView);
  return (
    <>
      {scale && <ScaleView run={run} />}
      {open && <LearnPanel run={run} />}
    </>
  );
}
