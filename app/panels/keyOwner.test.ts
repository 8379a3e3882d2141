import { describe, expect, it } from 'vitest';
import { ownsKey, type KeyTarget } from './keyOwner.ts';

/** A stand-in for a focused element: tag, input type, role, contenteditable. */
const el = (tagName: string, opts: { type?: string; role?: string; editable?: boolean } = {}) =>
  ({
    tagName,
    type: opts.type,
    isContentEditable: opts.editable ?? false,
    getAttribute: (name: string) => (name === 'role' ? (opts.role ?? null) : null),
  }) satisfies KeyTarget;

const SHORTCUTS = [' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];

describe('ownsKey', () => {
  it('gives every shortcut key to text fields, number boxes, radio buttons and menus', () => {
    const fields = [
      el('INPUT', { type: 'text' }),
      el('INPUT', { type: 'number' }),
      el('INPUT', { type: 'radio' }),
      el('TEXTAREA'),
      el('SELECT'),
      el('DIV', { editable: true }),
    ];
    for (const f of fields) {
      expect(SHORTCUTS.map((k) => ownsKey(f, k))).toEqual([true, true, true, true, true]);
    }
  });

  it('gives a range input and a role=slider element their arrows and ends, but not Space', () => {
    for (const s of [el('INPUT', { type: 'range' }), el('DIV', { role: 'slider' })]) {
      expect(SHORTCUTS.map((k) => ownsKey(s, k))).toEqual([false, true, true, true, true]);
      expect(ownsKey(s, 'PageUp')).toBe(true);
    }
  });

  it('gives a checkbox Space only, so the arrows still step', () => {
    const box = el('INPUT', { type: 'checkbox' });
    expect(SHORTCUTS.map((k) => ownsKey(box, k))).toEqual([true, false, false, false, false]);
  });

  it('leaves the shortcuts to the page on buttons, the canvas and the body', () => {
    const targets = [el('BUTTON'), el('INPUT', { type: 'button' }), el('CANVAS'), el('BODY'), null];
    for (const t of targets) {
      expect(SHORTCUTS.some((k) => ownsKey(t, k))).toBe(false);
    }
  });
});
