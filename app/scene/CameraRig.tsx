/**
 * The camera: orbit, zoom and pan at all times (camera-controls), the whole model framed on
 * first load and on reset, and a glide to the current step when follow is on.
 */
import { useEffect, useRef } from 'react';
import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import type { Trace } from '../../engine/trace.ts';
import { useStore } from '../store/index.ts';
import {
  CHAPTER_MARGIN,
  FOLLOW_MARGIN,
  frameBox,
  HOME_AZIMUTH,
  HOME_MARGIN,
  HOME_POLAR,
  measureInsets,
} from './framing.ts';
import type { Box, SceneLayout } from './layout.ts';
import { focusBox } from './timeline.ts';

/** Seconds a glide takes to settle (camera-controls' smoothTime). */
const GLIDE_SECONDS = 0.45;
/** Near and far planes as shares of the model's size. */
const NEAR_SHARE = 1e-4;
const FAR_SHARE = 20;

export interface CameraRigProps {
  layout: SceneLayout;
  trace: Trace;
}

export function CameraRig({ layout, trace }: CameraRigProps) {
  const controls = useRef<CameraControls>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  // Until the rig first places the camera, the controls' angles are their defaults, not a view
  const placed = useRef(false);

  useEffect(() => {
    const c = controls.current;
    if (!c) return;
    const { min, max } = layout.bounds;
    const extent = Math.hypot(max[0] - min[0], max[1] - min[1]);
    camera.near = extent * NEAR_SHARE;
    camera.far = extent * FAR_SHARE;
    camera.updateProjectionMatrix();
    c.smoothTime = GLIDE_SECONDS;
    c.minDistance = layout.unit * 2;
    c.maxDistance = extent * FAR_SHARE * 0.5;
    c.dollyToCursor = true;

    // The panels' insets the last shot was taken for
    let shotInsets = '';
    const shoot = (box: Box, azimuth: number, polar: number, margin: number, glide: boolean) => {
      const el = gl.domElement;
      const lens = {
        fov: camera.fov,
        width: el.clientWidth,
        height: el.clientHeight,
        insets: measureInsets(el),
      };
      shotInsets = JSON.stringify(lens.insets);
      const s = frameBox(box, azimuth, polar, lens, margin);
      void c.setLookAt(...s.position.toArray(), ...s.target.toArray(), glide);
      // A cut starts no transition, so nothing else asks for the frame that shows it
      invalidate();
    };
    const home = (glide: boolean) =>
      shoot(layout.bounds, HOME_AZIMUTH, HOME_POLAR, HOME_MARGIN, glide);
    // Shots that keep the person's viewing angle (the first view's before the first shot)
    const keep = (box: Box, margin: number, glide: boolean) =>
      placed.current
        ? shoot(box, c.azimuthAngle, c.polarAngle, margin, glide)
        : shoot(box, HOME_AZIMUTH, HOME_POLAR, margin, glide);
    const follow = (step: number, glide = true) =>
      keep(focusBox(layout, trace, step), FOLLOW_MARGIN, glide);

    // The last shot asked for, taken again (gliding) when the panels leave the scene another area
    type Take = (glide: boolean) => void;
    let again: Take = home;
    const take = (shot: Take, glide = true) => {
      again = shot;
      shot(glide);
    };
    let frame = 0;

    // A run opened in a chapter frames the chapter's blocks; one opened on a step inside the
    // trace (a link, a rerun mid-way) frames that step; else the whole model
    const first = useStore.getState();
    const chapterBox = first.frameBox;
    if (chapterBox) take((g) => keep(chapterBox, CHAPTER_MARGIN, g), false);
    else if (first.follow && first.step < first.stepCount - 1)
      take((g) => follow(first.step, g), false);
    else take(home, false);
    placed.current = true;
    const stop = useStore.subscribe((s, prev) => {
      // Another run's layout is framed by the rig React draws for it
      if (s.run?.trace !== trace) return;
      // A chapter asks for its blocks (or the whole model)
      if (s.frameCount !== prev.frameCount) {
        const box = s.frameBox;
        take((g) => (box ? keep(box, CHAPTER_MARGIN, g) : home(g)));
      } else if (s.resetCount !== prev.resetCount) take(home);
      else if (s.follow && (s.step !== prev.step || (s.follow && !prev.follow))) {
        const step = s.step;
        take((g) => follow(step, g));
      }
    });

    // Panels open, fold and grow after the shot that they affect (a chapter's teaching panel,
    // a folded tab): once the page has changed, measure again and retake the shot if the free
    // area moved
    const panels = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (JSON.stringify(measureInsets(gl.domElement)) !== shotInsets) again(true);
      });
    });
    // Panels come and go as elements and change by class; the hover tip's style moves are not watched
    panels.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class', 'data-inset'],
    });
    return () => {
      stop();
      panels.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [layout, trace, camera, gl, invalidate]);

  return <CameraControls ref={controls} makeDefault />;
}
