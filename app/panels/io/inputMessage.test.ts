import { describe, expect, it } from 'vitest';
import { asTyped, inputMessage, MAX_ECHO } from './inputMessage.ts';

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

  it('echoes the input exactly as typed, not the cleaned copy the engine quotes', () => {
    const typed = 'ab d';
    const m = inputMessage(`${RULE} (got 'ABD': 'D' is not allowed)`, RULE, typed);
    expect(m).toBe("Got 'ab d': 'd' is not allowed");
    expect(inputMessage(`${RULE} (got 'ABCA': 4 letters)`, RULE, 'abCa')).toBe(
      "Got 'abCa': 4 letters",
    );
  });

  it('cuts a long typed echo short and names its invisible characters', () => {
    const typed = `${'a'.repeat(30)}\u200b`;
    const m = inputMessage(`${RULE} (got '${'A'.repeat(30)}\u200b': 31 letters)`, RULE, typed);
    expect(m).toBe(`Got '${'a'.repeat(MAX_ECHO)}… (31 characters)': 31 letters`);
    expect(
      inputMessage(`${RULE} (got 'AB\u200b': '\u200b' is not allowed)`, RULE, 'ab\u200b'),
    ).toBe("Got 'ab⟨U+200B⟩': '⟨U+200B⟩' is not allowed");
  });
});

describe('asTyped', () => {
  it('finds the first typed character an upper-cased echo stands for', () => {
    expect(asTyped('D', 'AdD')).toBe('d');
    expect(asTyped('D', 'ADd')).toBe('D');
    expect(asTyped('x', '1 x 2')).toBe('x');
  });

  it('keeps an echo that is not of the typed text', () => {
    expect(asTyped('ABD', 'CAB')).toBe('ABD');
    expect(asTyped('Q', 'abc')).toBe('Q');
  });
});
