/**
 * UI text and plain-word step descriptions, loaded from assets/text/ (so they can be edited
 * and translated without touching components).
 */

/** Button labels, titles and messages (assets/text/ui.json). */
export type UiText = Record<string, string>;

/** The inspector's and input panel's labels, and friendly tensor names (assets/text/inspect.json). */
export interface InspectText {
  readonly labels: Readonly<Record<string, string>>;
  /** Friendly names by generic step key or weight key (`attn.c_attn.weight`). */
  readonly names: Readonly<Record<string, string>>;
}

export interface Texts {
  readonly ui: UiText;
  /** Step descriptions by generic step name (assets/text/steps.json). */
  readonly steps: Readonly<Record<string, string>>;
  readonly inspect: InspectText;
}

/** Fetches the text files from the page's own origin. */
export async function loadTexts(base: string): Promise<Texts> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`glassbox: ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const [ui, steps, inspect] = await Promise.all([
    get<UiText>('text/ui.json'),
    get<Record<string, string>>('text/steps.json'),
    get<InspectText>('text/inspect.json'),
  ]);
  return { ui, steps, inspect };
}

/**
 * The generic key of a step name: the layer dropped and the three LayerNorms folded into one,
 * e.g. `blocks.2.ln1.hook_scale` → `ln.hook_scale`, `blocks.0.hook_resid_pre` → `hook_resid_pre`.
 */
export function stepKey(name: string): string {
  return name.replace(/^blocks\.\d+\./, '').replace(/^(ln1|ln2|ln_final)\./, 'ln.');
}

/** The generic key of a weight name, e.g. `transformer.h.0.attn.c_attn.weight` → `attn.c_attn.weight`. */
export function weightKey(name: string): string {
  return name.replace(/^transformer\.(h\.\d+\.)?/, '');
}

/** The plain-word description of a step, or '' when the text file has none. */
export function describeStep(texts: Texts, name: string): string {
  return texts.steps[stepKey(name)] ?? '';
}

/** A tensor's friendly name (a step, a weight or the input ids), with its layer when it has one. */
export function friendlyName(texts: Texts, name: string): string {
  const n = texts.inspect.names;
  const base = n[stepKey(name)] ?? n[weightKey(name)] ?? name;
  const layer = /^(?:blocks|transformer\.h)\.(\d+)\./.exec(name);
  return layer ? `${base}, block ${layer[1]}` : base;
}

/** Fills `{key}` placeholders of a UI string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/**
 * The name a model goes by: a shipped model's own, or for random weights of a preset its plain
 * name and that the weights are random, e.g. "GPT-2 small — random weights".
 */
export function modelLabel(ui: UiText, modelId: string, name: string): string {
  const preset = /^random-(.+)$/.exec(modelId)?.[1];
  if (!preset) return name;
  return fill(ui.randomModel ?? '{preset}', { preset: ui[`preset.${preset}`] ?? preset });
}
