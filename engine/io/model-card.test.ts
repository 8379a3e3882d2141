import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { makeConfig, PRESETS, type ModelConfig } from '../model/config.ts';
import { sortCard, withField } from './card-fixture.ts';
import { cardToConfig, configToCardConfig, parseCard } from './model-card.ts';

const expectCardError = (json: unknown, message: string): void => {
  expect(() => parseCard(json)).toThrow(FormatError);
  expect(() => parseCard(json)).toThrow(`model card: ${message}`);
};

describe('parseCard', () => {
  it('accepts a complete card and returns a copy', () => {
    const input = sortCard();
    const card = parseCard(input);
    expect(card).toEqual(input);
    input.task.vocab[0] = 'Z';
    expect(card.task.vocab[0]).toBe('A');
  });

  it('names a missing field', () => {
    expectCardError(
      withField('results.exact_match.n', undefined),
      "missing field 'results.exact_match.n'",
    );
    expectCardError(withField('training', undefined), "missing field 'training'");
    expectCardError([1], 'not a JSON object');
  });

  it('names a field of the wrong type or range', () => {
    expectCardError(
      withField('config.n_head', '3'),
      `field 'config.n_head' must be a positive integer, got "3"`,
    );
    expectCardError(
      withField('results.exact_match.accuracy', 1.5),
      "field 'results.exact_match.accuracy' must be a number from 0 to 1, got 1.5",
    );
    expectCardError(withField('config', 'big'), "field 'config' must be an object");
    expectCardError(
      withField('config.activation', 'relu'),
      `field 'config.activation' must be one of gelu, gelu_tanh, got "relu"`,
    );
    expectCardError(
      withField('config.bias', 1),
      "field 'config.bias' must be true or false, got 1",
    );
    expectCardError(withField('id', 'My Model'), `field 'id' must match`);
    for (const date of ['yesterday', 'Dec 3 2025', '2025-13-45']) {
      expectCardError(
        withField('date', date),
        `field 'date' must be an ISO 8601 date, got "${date}"`,
      );
    }
    for (const date of ['2025-12-03T18:30:00Z', '2025-12-03T18:30:00.123Z', '2025-12-03']) {
      expect(parseCard(withField('date', date)).date).toBe(date);
    }
  });

  it('rejects configs that cannot describe the model', () => {
    expectCardError(
      withField('config.n_embd', 50),
      "field 'config.n_embd' (50) must divide by config.n_head (3)",
    );
    expectCardError(withField('config.dropout', 0.1), "unknown field 'config.dropout'");
    expectCardError(
      withField('task.vocab', ['A', 'B']),
      "field 'task.vocab' has 2 tokens but config.vocab_size is 3",
    );
  });
});

describe('cardToConfig and configToCardConfig', () => {
  it('maps nanoGPT keys to the engine config, with defaults for absent optionals', () => {
    expect(cardToConfig(sortCard())).toEqual(PRESETS.mingptSort);
  });

  it('round-trips every config field', () => {
    const configs: ModelConfig[] = [
      PRESETS.gpt2,
      PRESETS.mingptSort,
      makeConfig({
        ...PRESETS.mingptSort,
        activation: 'gelu',
        posEncoding: 'sinusoidal',
        bias: false,
        tiedLmHead: true,
        mlpRatio: 2,
        layerNormEps: 1e-6,
      }),
    ];
    for (const config of configs) {
      const card = { ...sortCard(), config: configToCardConfig(config) };
      expect(cardToConfig(card)).toEqual(config);
    }
  });
});
