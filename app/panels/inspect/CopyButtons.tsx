/**
 * Copy a tensor's values in one click, as nested JSON arrays or as CSV (one line per element).
 */
import { useState } from 'react';
import type { Tensor } from '../../../engine/tensor.ts';
import { fill } from '../../run/texts.ts';
import { toCsv, toJson } from './tensorView.ts';

export interface CopyButtonsProps {
  tensor: Tensor;
  labels: Readonly<Record<string, string>>;
}

export function CopyButtons({ tensor, labels }: CopyButtonsProps) {
  const [status, setStatus] = useState('');
  const copy = (format: 'JSON' | 'CSV') => async () => {
    try {
      await navigator.clipboard.writeText(format === 'JSON' ? toJson(tensor) : toCsv(tensor));
      setStatus(fill(labels.copied, { format, count: tensor.data.length }));
    } catch (e) {
      setStatus(fill(labels.copyFailed, { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="inspect-copy">
      <button type="button" onClick={copy('JSON')}>
        {labels.copyJson}
      </button>
      <button type="button" onClick={copy('CSV')}>
        {labels.copyCsv}
      </button>
      <span role="status" data-testid="copy-status">
        {status}
      </span>
    </div>
  );
}
