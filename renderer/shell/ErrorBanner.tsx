// Errors from case/evidence calls (query errors show in the results pane, next to the query).
import { useCases, useStores } from '../stores/context';

export function ErrorBanner() {
  const { cases } = useStores();
  const error = useCases((s) => s.error);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="app-error">
      <span className="error-code">{error.code}</span>
      <span className="error-message">{error.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss error" onClick={() => cases.getState().clearError()}>×</button>
    </div>
  );
}
