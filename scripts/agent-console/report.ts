import type { ActionResult } from './actions.js';

/** Prints an action's result (one JSON line with `--json`, else a line of text) and says if it was done. */
export type Report = <T>(label: string, result: ActionResult<T>, text: (value: T) => string) => boolean;

export function reporter(options: {
  json: boolean;
  /** one JSON line */
  out: (value: unknown) => void;
  write: (text: string) => void;
}): Report {
  const { json, out, write } = options;
  return (label, result, text) => {
    if (json) {
      out(
        result.ok
          ? { type: 'result', action: label, ok: true, value: result.value }
          : { type: 'result', action: label, ...result },
      );
    } else if (result.ok) {
      write(`${text(result.value)}\n`);
    } else {
      write(`${label} refused (${result.status} ${result.error}): ${result.message}\n`);
      if (result.advice) write(`  What you can do: ${result.advice}\n`);
    }
    return result.ok;
  };
}
