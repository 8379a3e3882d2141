import { describe, expect, it } from 'vitest';
import { inputMessage, MAX_ECHO } from './inputMessage.ts';

const RULE = 'Type exactly 6 letters, each A, B or C';

describe('the reason printed for a refused input', () => {
  it('says the rule once: the help line already shows it', () => {
    expect(inputMessage(`${RULE} (got 'ABCA': 4 letters)`, RULE)).toBe("Got 'ABCA': 4 letters");
    expect(inputMessage(`${RULE} (got nothing)`, RULE)).toBe('Got nothing');
    expect(inputMessage('Type at most 8 token ids', RULE)).toBe('Type at most 8 token ids');
    const ids = 'Type token ids separated by spaces';
    expect(inputMessage(`${ids} ('x' is not an id)`, ids)).toBe("'x' is not an id");
  });

  it('cuts a long echo of the input short and says how long it was', () => {
    const long = 'A'.repeat(5000);
    const m = inputMessage(`${RULE} (got '${long}': 5000 letters)`, RULE);
    expect(m).toBe(`Got '${'A'.repeat(MAX_ECHO)}… (5000 characters)': 5000 letters`);
    expect(m.length).toBeLessThan(80);
  });

  it('shows invisible characters by their code point', () => {
    const m = inputMessage(`${RULE} (got 'AB\u200bC': '\u200b' is not allowed)`, RULE);
    expect(m).toBe("Got 'AB⟨U+200B⟩C': '⟨U+200B⟩' is not allowed");
  });
});
