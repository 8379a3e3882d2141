/**
 * What the page shows when its model cannot be shown (an unknown `?model=`, a failed download):
 * the reason, and the way on, the shipped models and the default one.
 */
import { useStore } from '../store/index.ts';

export function ErrorPage({ error }: { error: string | null }) {
  const models = useStore((s) => s.models);
  const ui = useStore((s) => s.texts?.ui);
  const here = window.location.pathname;
  return (
    <main className="message" role="alert">
      <h1>Glassbox</h1>
      {ui && <h2>{ui.errorTitle}</h2>}
      <p className="error-text">{error}</p>
      {ui && models.length > 0 && (
        <nav aria-label={ui.errorPick}>
          <p>{ui.errorPick}</p>
          <ul className="error-models">
            {models.map((m) => (
              <li key={m.id}>
                <a href={`${here}?model=${encodeURIComponent(m.id)}`}>{m.name}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href={here}>{ui.errorDefault}</a>
          </p>
        </nav>
      )}
    </main>
  );
}
