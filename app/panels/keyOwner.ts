/**
 * Which keys the focused element uses itself, so that the page's shortcuts leave them alone.
 * Text fields, number boxes, radio buttons, menus and editable text take every key; sliders take
 * the keys that move them; a checkbox takes Space. Buttons take none: Space on a button is the
 * play/pause shortcut, and the shortcut cancels the button's own press, so it acts once.
 */

/** What is read of the focused element (an HTMLElement has all of it). */
export interface KeyTarget {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  readonly type?: string;
  getAttribute(name: string): string | null;
}

/** The keys a slider moves by (WAI-ARIA slider pattern). */
const SLIDER_KEYS: ReadonlySet<string> = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

const FORM_TAGS: ReadonlySet<string> = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Inputs that are pressed like buttons. */
const BUTTON_TYPES: ReadonlySet<string> = new Set(['button', 'submit', 'reset', 'image']);

/** Whether `target` uses `key` itself (and the page's shortcut should not). */
export function ownsKey(target: KeyTarget | null, key: string): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  const type = tag === 'INPUT' ? (target.type ?? 'text') : null;
  if (target.getAttribute('role') === 'slider' || type === 'range') return SLIDER_KEYS.has(key);
  if (type === 'checkbox') return key === ' ';
  if (type !== null && BUTTON_TYPES.has(type)) return false;
  return FORM_TAGS.has(tag) || target.isContentEditable === true;
}
