/** A base URL without trailing slashes, so paths can be appended with one (a loop: `/\/+$/` backtracks). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charAt(end - 1) === '/') end--;
  return url.slice(0, end);
}
