/**
 * The scale view's camera: starts on the running model's tower, flies out to frame every tower,
 * and back, on request. Orbit and zoom work throughout.
 */
import { useEffect, useRef } from 'react';
import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import { frameBox, measureInsets } from '../framing.ts';
import type { Box } from '../layout.ts';

/** Seen from the front, a little from the right and from above (radians). */
const AZIMUTH = 0.5;
const POLAR = 1.2;
const MARGIN = 0.15;
/** Seconds the flight takes to settle. */
const FLIGHT_SECONDS = 1.6;

export interface ScaleCameraProps {
  /** The box to frame now; a change flies there. */
  target: Box;
  /** Frame the first target at once instead of flying. */
  far: number;
}

export function ScaleCamera({ target, far }: ScaleCameraProps) {
  const controls = useRef<CameraControls>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const first = useRef(true);

  useEffect(() => {
    camera.near = 0.5;
    camera.far = far;
    camera.updateProjectionMatrix();
  }, [camera, far]);

  useEffect(() => {
    const c = controls.current;
    if (!c) return;
    c.smoothTime = FLIGHT_SECONDS;
    c.maxDistance = far / 2;
    const el = gl.domElement;
    const lens = {
      fov: camera.fov,
      width: el.clientWidth,
      height: el.clientHeight,
      insets: measureInsets(el),
    };
    const s = frameBox(target, AZIMUTH, POLAR, lens, MARGIN);
    void c.setLookAt(...s.position.toArray(), ...s.target.toArray(), !first.current);
    first.current = false;
  }, [target, camera, gl, far]);

  return <CameraControls ref={controls} makeDefault />;
}
