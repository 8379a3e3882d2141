/**
 * One tensor in detail: friendly and trace names, shape with axis names, the formula and the
 * tensors it read (each selects its block), statistics, the heatmap with the value under the
 * pointer, and copy buttons. Every number is the engine's float32 value.
 */
import { useEffect, useMemo, useRef } from 'react';
import katex from 'katex';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { fill, friendlyName, type Texts } from '../../run/texts.ts';
import type { BlockTensor } from './blockTensor.ts';
import { CopyButtons } from './CopyButtons.tsx';
import { Heatmap } from './Heatmap.tsx';
import { describeHover } from './hover.ts';
import { formatF32, tensorStats } from './tensorView.ts';
import { INPUT_IDS, otherNames } from '../../../engine/trace.ts';

export interface TensorDetailsProps {
  run: RunResult;
  texts: Texts;
  bt: BlockTensor;
  onClose: () => void;
}

export function TensorDetails({ run, texts, bt, onClose }: TensorDetailsProps) {
  const l = texts.inspect.labels;
  const setSelected = useStore((s) => s.setSelected);
  const cell = useStore((s) => (s.hoverCell?.id === bt.block.id ? s.hoverCell : null));
  const stats = useMemo(() => tensorStats(bt.tensor.data), [bt]);
  const { step, tensor, block } = bt;
  const formula = useMemo(
    () => (step ? katex.renderToString(step.formula, { throwOnError: false }) : ''),
    [step],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const hover = cell ? describeHover(run, cell) : null;
  const what = step ? null : block.id === INPUT_IDS ? l.inputIds : l.weight;

  return (
    <section className="inspector" aria-label={l.inspector} data-testid="inspector">
      <header className="inspector-head">
        <h2 ref={heading} tabIndex={-1}>
          {friendlyName(texts, block.id)}
        </h2>
        <button
          type="button"
          className="close"
          aria-label={l.close}
          title={l.close}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <code className="trace-name" data-testid="inspect-name">
        {block.id}
      </code>
      {step && otherNames(step.name, run.trace.config).length > 0 && (
        <p className="inspect-alias">
          {fill(l.alsoNamed, { names: otherNames(step.name, run.trace.config).join(', ') })}
        </p>
      )}
      <p className="inspect-shape">
        {l.shape}: {tensor.shape.join(' × ')} ({tensor.axes.join(', ')})
      </p>
      {what && <p className="io-help">{what}</p>}
      {step && <div className="inspect-formula" dangerouslySetInnerHTML={{ __html: formula }} />}
      {step && (
        <p className="inspect-reads">
          {l.reads}:{' '}
          {step.inputs.map((name) => (
            <button key={name} type="button" className="link" onClick={() => setSelected(name)}>
              {name}
            </button>
          ))}
        </p>
      )}
      <dl className="inspect-stats" data-testid="inspect-stats">
        {(['min', 'max', 'mean', 'std'] as const).map((k) => (
          <div key={k}>
            <dt>{l[k]}</dt>
            <dd data-stat={k}>{formatF32(stats[k])}</dd>
          </div>
        ))}
        {stats.masked > 0 && (
          <div>
            <dt>{l.masked}</dt>
            <dd data-stat="masked">{stats.masked}</dd>
          </div>
        )}
      </dl>
      <Heatmap run={run} bt={bt} labels={l} />
      <p className="inspect-value" aria-live="polite" data-testid="inspect-value">
        {hover
          ? fill(l.value, { name: '', index: hover.indexText, value: hover.valueText })
          : l.hoverHint}
        {hover && hover.from.length > 0 && (
          <span className="inspect-from">
            {' '}
            {l.from} {hover.from.map((f) => `${f.name}${f.text}`).join(' · ')}
          </span>
        )}
      </p>
      <CopyButtons tensor={tensor} labels={l} />
    </section>
  );
}
