/**
 * What the folded step panel still says: the name of the current step.
 */
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';

export function StepTab({ run }: { run: RunResult }) {
  const index = useStore((s) => s.step);
  return <code data-testid="step-name">{run.trace.steps[index]?.name}</code>;
}
