/**
 * Where a model with sinusoidal positions can be seen: this one, a shipped one, or none yet.
 */
import { useEffect, useState } from 'react';
import { fill } from '../../run/texts.ts';
import type { RunResult } from '../../store/run.ts';

/** Files are fetched relative to the page. */
const INDEX = './models/index.json';

export function SinusoidNote({ run, t }: { run: RunResult; t: Readonly<Record<string, string>> }) {
  const [shipped, setShipped] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(INDEX)
      .then((r) => r.json() as Promise<{ models: { id: string }[] }>)
      .then((index) => {
        const id = index.models.find((m) => m.id.includes('sinusoid'))?.id ?? null;
        if (live) setShipped(id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (run.model.config.posEncoding === 'sinusoidal') return null;
  return (
    <p className="note">
      {shipped ? fill(t.sinusoidalModel, { id: shipped }) : t.noSinusoidalModel}
    </p>
  );
}
