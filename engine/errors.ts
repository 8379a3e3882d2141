/**
 * Typed errors: bad input is reported, never a crash or a silent wrong answer.
 * The app shows `message` to the person as it is, so messages say what was wrong and what is allowed.
 */

/** Base class of every error the engine throws on purpose. */
export class GlassboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Input forward cannot run: no model, token ids that are not an array of integers, none, out of
 * the vocabulary, or longer than blockSize.
 */
export class InputError extends GlassboxError {}

/** Weights that do not fit the config: missing, unexpected, misshapen or not finite. */
export class WeightError extends GlassboxError {}

/** A config that cannot describe a GPT (nEmbd not divisible by nHead, sizes below 1, ...). */
export class ConfigError extends GlassboxError {}

/** A model file (safetensors or card) that is truncated, garbled or inconsistent. */
export class FormatError extends GlassboxError {}

/** A training-command flag that is missing, unknown or out of range. */
export class UsageError extends GlassboxError {}

/** A directory or file the training command cannot write (or an index.json it cannot read). */
export class OutputError extends GlassboxError {}
