/**
 * The teaching panels' words (assets/text/teach.json): top-level labels and one group per panel.
 */

export interface TeachText {
  readonly [key: string]: string | Readonly<Record<string, string>>;
}

/** A top-level label (the key itself when missing, so a gap shows rather than breaks). */
export const label = (t: TeachText, key: string): string => {
  const v = t[key];
  return typeof v === 'string' ? v : key;
};

/** A panel's group of labels. */
export const group = (t: TeachText, key: string): Readonly<Record<string, string>> => {
  const v = t[key];
  return typeof v === 'object' ? v : {};
};
