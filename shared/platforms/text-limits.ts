const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Characters as a person counts them: an emoji with its modifiers, a flag, a letter with accents are one. */
export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/**
 * Whether a text is longer than a platform's maximum. Platforms count UTF-16 units, code points
 * or characters; graphemes are the fewest of these, so a text the platform accepted is never
 * refused here. `count` may give a platform's own measure; it must never exceed the grapheme count.
 */
export function longerThan(
  max: number,
  text: string,
  count: (text: string) => number = graphemeCount,
): boolean {
  // UTF-16 length is an upper bound of every count: most texts need no counting at all.
  if (text.length <= max) return false;
  return count(text) > max;
}
