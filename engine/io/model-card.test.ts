import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { makeConfig, PRESETS, type ModelConfig } from '../model/config.ts';
import { sortCard, withField } from './card-fixture.ts';
import { cardToConfig, configToCardConfig, parseCard, type ModelCard } from './model-card.ts';

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

  it('rejects a vocabulary that lists a token twice', () => {
    expectCardError(
      withField('task.vocab', ['A', 'A', 'B']),
      `field 'task.vocab' lists "A" twice: tokens must differ`,
    );
  });

  it('rejects prompt and answer lengths that do not fit in block_size + 1', () => {
    const card = withField('task.prompt_length', 6) as unknown as ModelCard;
    card.task.answer_length = 7; // 6 + 7 - 1 = 12 inputs > block_size 11
    expectCardError(
      card,
      "fields 'task.prompt_length' (6) + 'task.answer_length' (7) must be at most config.block_size + 1 (12)",
    );
    card.task.answer_length = 6; // 11 inputs: fits
    expect(parseCard(card).task.answer_length).toBe(6);
    expectCardError(withField('task.answer_length', 0), "field 'task.answer_length' must be");
  });

  it('rejects an n_layer above the engine limit without building anything', () => {
    expectCardError(
      withField('config.n_layer', 1e9),
      "field 'config.n_layer' must be an integer from 1 to 10000, got 1000000000",
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
