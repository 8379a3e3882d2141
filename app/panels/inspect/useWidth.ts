/**
 * The content width of an element in whole CSS pixels, measured before the first paint and
 * again whenever the element resizes (a panel folding, a scroll bar appearing).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** @returns the width, 0 until the element is measured */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const cs = getComputedStyle(el);
      const padding = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
      setWidth(Math.max(0, Math.floor(el.clientWidth - padding)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
