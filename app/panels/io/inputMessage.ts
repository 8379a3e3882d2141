/**
 * How a refused input's reason prints beside the box. The engine's message repeats the task's
 * rule, which the help line above already shows: the rule is said once, the echo of what was typed
 * is cut short, and characters that cannot be seen print as their code point. Pure.
 */

/** Longest echo of typed text kept in a message, in characters. */
export const MAX_ECHO = 24;

/** Characters that print as nothing: controls, format characters (zero-width space, BOM, …) and unusual spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu;

/** Text with each invisible character shown as ⟨U+XXXX⟩. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const hex = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `⟨U+${hex}⟩`;
  });
}

/** Text cut to MAX_ECHO characters (code points), with how long it was when cut. */
export function shortEcho(text: string): string {
  const chars = [...text];
  if (chars.length <= MAX_ECHO) return text;
  return `${chars.slice(0, MAX_ECHO).join('')}… (${chars.length} characters)`;
}

/**
 * What the person typed behind an echo in the engine's message, which quotes the input cleaned
 * (spaces dropped, letters upper-cased): the whole input as typed, or the first typed character
 * the echo stands for; the echo itself when it is neither.
 */
export function asTyped(echo: string, typed: string): string {
  if (echo === typed.replace(/\s+/g, '').toUpperCase()) return typed;
  const chars = [...echo];
  if (chars.length !== 1) return echo;
  return [...typed].find((c) => c === echo || c.toUpperCase() === echo) ?? echo;
}

/**
 * The reason to print for a refused input.
 * @param message the engine's message, e.g. "Type exactly 6 letters, each A, B or C (got 'AB': 2 letters)"
 * @param rule the rule the help line shows, dropped from the message when it opens it
 * @param typed the input as typed, echoed instead of the engine's cleaned copy of it
 * @returns e.g. "Got 'ab': 2 letters"
 */
export function inputMessage(message: string, rule: string, typed = ''): string {
  let m = message;
  if (rule && m.startsWith(rule)) {
    m = m.slice(rule.length).trim();
    if (m.startsWith('(') && m.endsWith(')')) m = m.slice(1, -1);
    m = m.charAt(0).toUpperCase() + m.slice(1);
  }
  // Each quoted echo of the input: as typed, cut short, invisible characters shown
  return m.replace(
    /'([^']*)'/gu,
    (_, q: string) => `'${showInvisible(shortEcho(asTyped(q, typed)))}'`,
  );
}
