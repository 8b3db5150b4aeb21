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
 * Links are found per word (a run without whitespace), in linear time whatever the text: a link
 * starts at `http://` or `https://`, or at the domain around the first `.` followed by two letters
 * (`dhl.de/hilfe`: X links bare domains too), and runs to the end of the word, trailing
 * punctuation apart. A bare `word.word` that X would not link counts as 23 here: that errs on the
 * safe side of the limit.
 */
const SCHEME = /\bhttps?:\/\//i;
const DOMAIN_DOT = /\.\p{L}{2}/u;
const DOMAIN_CHARACTER = /[\p{L}\p{N}.-]/u;
const TRAILING_PUNCTUATION = new Set([...'.,:;!?)]}\'"»']);
const WORDS = /\S+/g;

/** Where the link in a word starts and ends, if it holds one. */
function linkIn(word: string): { start: number; end: number } | undefined {
  let end = word.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(word.charAt(end - 1))) end--;
  const core = word.slice(0, end);
  const scheme = core.search(SCHEME);
  if (scheme >= 0) return { start: scheme, end };
  let start = core.search(DOMAIN_DOT);
  if (start < 0) return undefined;
  while (start > 0 && DOMAIN_CHARACTER.test(core.charAt(start - 1))) start--;
  while (core.charAt(start) === '.') start++;
  return { start, end };
}

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
  for (const word of normalised.matchAll(WORDS)) {
    const link = linkIn(word[0]);
    if (!link) continue;
    length += weightOf(normalised.slice(from, word.index + link.start)) + X_URL_LENGTH;
    from = word.index + link.end;
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
