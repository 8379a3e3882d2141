/**
 * A line under a heatmap: what the pointer is on, or a hint. Its data attributes carry the exact
 * values for tests.
 */
export interface ReadoutProps {
  text: string;
  testId: string;
  data?: Record<string, number>;
}

export function Readout({ text, testId, data = {} }: ReadoutProps) {
  const attrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return (
    <p className="readout" data-testid={testId} aria-live="polite" {...attrs}>
      {text}
    </p>
  );
}
