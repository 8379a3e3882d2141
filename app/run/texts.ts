/**
 * UI text and plain-word step descriptions, loaded from assets/text/ (so they can be edited
 * and translated without touching components).
 */

/** Button labels, titles and messages (assets/text/ui.json). */
export type UiText = Record<string, string>;

export interface Texts {
  readonly ui: UiText;
  /** Step descriptions by generic step name (assets/text/steps.json). */
  readonly steps: Readonly<Record<string, string>>;
}

/** Fetches both text files from the page's own origin. */
export async function loadTexts(base: string): Promise<Texts> {
  const get = async (path: string): Promise<Record<string, string>> => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`glassbox: ${path} answered ${res.status}`);
    return (await res.json()) as Record<string, string>;
  };
  const [ui, steps] = await Promise.all([get('text/ui.json'), get('text/steps.json')]);
  return { ui, steps };
}

/**
 * The generic key of a step name: the layer dropped and the three LayerNorms folded into one,
 * e.g. `blocks.2.ln1.hook_scale` → `ln.hook_scale`, `blocks.0.hook_resid_pre` → `hook_resid_pre`.
 */
export function stepKey(name: string): string {
  return name.replace(/^blocks\.\d+\./, '').replace(/^(ln1|ln2|ln_final)\./, 'ln.');
}

/** The plain-word description of a step, or '' when the text file has none. */
export function describeStep(texts: Texts, name: string): string {
  return texts.steps[stepKey(name)] ?? '';
}

/** Fills `{key}` placeholders of a UI string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
