/** X's limit for a post, in weighted characters. */
export const X_MAX_WEIGHTED_LENGTH = 280;
/** Every link counts as this many characters, whatever its length (X wraps it in t.co). */
export const X_URL_LENGTH = 23;

/**
 * Code points X counts once (Latin, Greek, Cyrillic, Hebrew, Arabic... and some punctuation);
 * everything else (CJK, most symbols) counts twice. The ranges of X's published counting
 * configuration (twitter-text v3).
 */
const SINGLE_WEIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

/**
 * Links with a scheme, and bare domains such as `dhl.de/hilfe` (X links those too). Trailing
 * punctuation is not part of a link. A bare `word.word` that X would not link counts as 23 here:
 * that errs on the safe side of the limit.
 */
const URL_PATTERN =
  /(?:\bhttps?:\/\/|\b(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\b)[^\s]*?(?=[.,:;!?)\]}'"»]*(?:\s|$))/giu;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The length X checks a post against (compare with X_MAX_WEIGHTED_LENGTH): each link counts 23,
 * each emoji (even a multi-code-point one such as a flag or a family) counts 2, CJK characters
 * count 2, Latin and most other scripts count 1 per code point.
 */
export function xWeightedLength(text: string): number {
  const normalised = text.normalize('NFC');
  let length = 0;
  let from = 0;
  for (const link of normalised.matchAll(URL_PATTERN)) {
    length += weightOf(normalised.slice(from, link.index)) + X_URL_LENGTH;
    from = link.index + link[0].length;
  }
  return length + weightOf(normalised.slice(from));
}

function weightOf(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (EMOJI.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) {
      const code = char.codePointAt(0) ?? 0;
      weight += SINGLE_WEIGHT_RANGES.some(([low, high]) => code >= low && code <= high) ? 1 : 2;
    }
  }
  return weight;
}
