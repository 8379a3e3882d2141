/**
 * Counting in binary, drawn like the sinusoid table: positions down, bits across, so that the
 * analogy with fast low dimensions and slow high ones can be seen.
 */
import { useMemo } from 'react';
import { Heatmap } from './Heatmap.tsx';

/** Positions and bits shown. */
const COUNT = 16;
const BITS = 5;

export function BinaryStrip({ text }: { text: string }) {
  const bits = useMemo(() => {
    const out = new Float32Array(COUNT * BITS); // (COUNT, BITS)
    for (let p = 0; p < COUNT; p++) {
      for (let k = 0; k < BITS; k++) out[p * BITS + k] = (p >> k) & 1 ? 1 : -1;
    }
    return out;
  }, []);
  return (
    <div className="binary">
      <Heatmap
        values={bits}
        rows={COUNT}
        cols={BITS}

        label={text}
        height={64}
      />
      <p className="note">{text}</p>
    </div>
  );
}
