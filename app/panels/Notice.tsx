/**
 * A short notice under the header: what of the page's link could not be shown. It stays until
 * dismissed; the rest of the link is shown as asked.
 */
import { useStore } from '../store/index.ts';
import type { UiText } from '../run/texts.ts';

export function Notice({ ui }: { ui: UiText }) {
  const notice = useStore((s) => s.notice);
  const setNotice = useStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <p className="notice" role="status" data-testid="notice">
      {notice}
      <button type="button" aria-label={ui.dismiss} onClick={() => setNotice(null)}>
        ×
      </button>
    </p>
  );
}
