/**
 * `path: message` for each issue of a failed zod parse; `root` names an issue on the whole value.
 * Structural, so it serves zod and zod/mini without importing either.
 */
export function formatZodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  root = '',
): string[] {
  return issues.map((issue) => `${issue.path.join('.') || root}: ${issue.message}`);
}
