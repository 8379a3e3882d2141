/**
 * Architectures at true scale: the running model beside GPT-2 small, medium, large, XL and
 * GPT-3 175B, drawn over the scene. Opens on the running model and flies out to GPT-3; the
 * close button or Escape leaves it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { group, label } from '../../chapters/teachText.ts';
import { sizedModels } from '../../panels/teach/sizingModels.ts';
import { short } from '../../panels/teach/SizingPanel.tsx';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { ScaleCamera } from './ScaleCamera.tsx';
import { scaleLayout } from './scaleLayout.ts';
import { ScaleTowers, TOWER_COLORS } from './ScaleTowers.tsx';
import { ScaleProbe } from './ScaleProbe.tsx';
import './scale.css';

/** Milliseconds on the running model before the flight out starts. */
const PAUSE_MS = 900;
const FOV = 35;

export function ScaleView({ run }: { run: RunResult }) {
  const book = useStore((s) => s.book);
  const setScaleView = useStore((s) => s.setScaleView);
  const setDrawerOpen = useStore((s) => s.setDrawerOpen);
  const models = useMemo(() => sizedModels(run.model.config, run.modelName, true), [run]);
  const layout = useMemo(
    () => scaleLayout(models.map((m) => ({ name: m.name, config: m.sizing.config }))),
    [models],
  );
  const [out, setOut] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setOut(true), PAUSE_MS);
    return () => clearTimeout(id);
  }, []);
  // Leaving gives the drawer back; Escape leaves too, before anything under the view hears it
  const close = useCallback(() => {
    setScaleView(false);
    setDrawerOpen(true);
  }, [setScaleView, setDrawerOpen]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [close]);
  const t = book ? group(book.text, 'scale') : {};
  const size = Math.max(...layout.bounds.max.map((v, i) => v - layout.bounds.min[i]));

  return (
    <div className="scale-view" data-testid="scale-view" data-out={out}>
      <Canvas
        frameloop="demand"
        camera={{ fov: FOV, position: [0, 0, 100] }}
        gl={{ logarithmicDepthBuffer: true }}
      >
        <color attach="background" args={['#0a0d13']} />
        <ambientLight intensity={0.9} />
        <directionalLight position={[1, 2, 3]} intensity={1.6} />
        <ScaleTowers layout={layout} />
        <ScaleCamera target={out ? layout.bounds : layout.towers[0].box} far={size * 20} />
        <ScaleProbe out={out} layout={layout} />
      </Canvas>
      {/* The camera frames the towers above this bar, not behind it */}
      <div className="scale-bar" data-inset="bottom">
        <strong>{t.title}</strong>
        <button type="button" onClick={() => setOut(!out)}>
          {out ? t.back : t.fly}
        </button>
        <button
          type="button"
          onClick={close}
          aria-label={book ? label(book.text, 'close') : 'close'}
        >
          {t.close}
        </button>
        <p>{t.note}</p>
        <ul className="scale-legend">
          {models.map((m, i) => (
            <li key={m.id}>
              <span style={{ background: TOWER_COLORS[i % TOWER_COLORS.length] }} />
              {m.name} <small>{short(m.sizing.params.total.count)}</small>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
