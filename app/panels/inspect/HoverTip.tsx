/**
 * The tip beside the pointer over a block of the scene: the element's value and index, and the
 * input elements it was computed from (lit up in the scene by the picking layer).
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { friendlyName, type Texts } from '../../run/texts.ts';
import { describeHover } from './hover.ts';

/** Pixels between the pointer and the tip. */
const OFFSET = 14;

export interface HoverTipProps {
  run: RunResult;
  texts: Texts;
}

export function HoverTip({ run, texts }: HoverTipProps) {
  const cell = useStore((s) => s.hoverCell);
  const tip = useRef<HTMLDivElement>(null);
  const [overScene, setOverScene] = useState(false);

  // Follow the pointer without re-rendering: the tip's position is set on the element itself
  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      const inScene = e.target instanceof HTMLCanvasElement && !!e.target.closest('.scene');
      setOverScene(inScene);
      const el = tip.current;
      if (!el) return;
      // Flip to the pointer's left before the tip would run under a right-hand panel
      const panels = [...document.querySelectorAll('[data-inset="right"]')];
      const edge = Math.min(
        window.innerWidth,
        ...panels.map((p) => p.getBoundingClientRect().left),
      );
      const limit = edge > e.clientX ? edge : window.innerWidth;
      const right = e.clientX + OFFSET + el.offsetWidth > limit;
      el.style.left = `${right ? e.clientX - OFFSET - el.offsetWidth : e.clientX + OFFSET}px`;
      el.style.top = `${e.clientY + OFFSET}px`;
    };
    window.addEventListener('pointermove', onMove);
    return () => window.removeEventListener('pointermove', onMove);
  }, []);

  const info = cell && overScene ? describeHover(run, cell) : null;
  return (
    <div ref={tip} className="hover-tip" role="tooltip" data-testid="hover-tip" hidden={!info}>
      {info && (
        <>
          <div className="hover-name">{friendlyName(texts, info.name)}</div>
          <code>
            {info.name}
            {info.indexText} = <strong data-testid="hover-value">{info.valueText}</strong>
          </code>
          {info.from.map((f) => (
            <div key={f.name} className="hover-from">
              ← {f.name}
              {f.text}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
