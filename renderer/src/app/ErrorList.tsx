import { useLab } from '../store/use-lab';

/** Commands the lab refused or could not run, each until dismissed. */
export function ErrorList() {
  const errors = useLab((state) => state.errors);
  const dismiss = useLab((state) => state.dismissError);
  if (errors.length === 0) return null;
  return (
    <ul className="errors" aria-label="Errors">
      {errors.map((error) => (
        <li key={error.id} className="error" data-testid="error" role="alert">
          <span>
            {/* The lab's validation messages already name the command. */}
            {error.message.startsWith(error.command) ? error.message : `${error.command}: ${error.message}`}
          </span>
          <button
            type="button"
            className="small"
            onClick={() => dismiss(error.id)}
            aria-label="Dismiss error"
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
