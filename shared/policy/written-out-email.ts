/**
 * E-mail addresses written out so that machines miss them: "max.muster at firma punkt de",
 * "jane (at) example (dot) co (dot) uk", "anna[at]web[punkt]de", "name @ firma . ch". Only the
 * words a customer would use for "@" and "." count, and the address must end in a known top-level
 * domain; "ordered at amazon.de" is no address (a plain word before a bare "at" and a real dot).
 */

// each part starts where its run starts; blanks around the written-out signs are bounded
const WRITTEN_OUT_EMAIL =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]{1,64}(?: (?:dot|punkt|point|punto) [\p{L}\p{N}_%+-]{1,64}){0,2}) {0,2}(\(at\)|\[at\]|\{at\}|\(ät\)|\[ät\]|(?<![\p{L}])(?:at|arobase|arroba|chiocciola|klammeraffe)(?![\p{L}])|@) {0,2}([\p{L}\p{N}-]{1,63}(?: {0,2}(?:\((?:dot|punkt|point|punto)\)|\[(?:dot|punkt|point|punto)\]|\(\.\)|\[\.\]|(?<![\p{L}])(?:dot|punkt|point|punto)(?![\p{L}])|\.) {0,2}[\p{L}\p{N}-]{1,63}){1,3})/giu;

const TOP_LEVEL = new Set(
  'de ch at li com net org eu uk fr it info io co me nl be lu es pl dk se no cz ie us'.split(' '),
);
/** the signs customers write for "." */
const WRITTEN_DOT =
  /\((?:dot|punkt|point|punto|\.)\)|\[(?:dot|punkt|point|punto|\.)\]|(?<![\p{L}])(?:dot|punkt|point|punto)(?![\p{L}])/iu;

const ANY_TOP_LEVEL = /^\p{L}{2,10}$/u;

/**
 * The label that ends the domain: the last known top-level one; with "at" and "dot" both written
 * out after a name that looks like one ("hans-peter.z at swissmail dot swiss"), any last label of
 * two to ten letters, as the less common top-level domains are many.
 */
function topLevelIndex(labels: RegExpExecArray[], writtenOutAddress: boolean): number {
  const known = labels.findLastIndex((l) => TOP_LEVEL.has(l[0].toLowerCase()));
  if (known >= 1 || !writtenOutAddress || labels.length < 2) return known;
  return ANY_TOP_LEVEL.test((labels[labels.length - 1] as RegExpExecArray)[0]) ? labels.length - 1 : -1;
}

/** Whether the text holds an e-mail address written out in words or brackets; where it starts and ends. */
export function findWrittenOutEmail(text: string): { start: number; end: number } | undefined {
  for (const match of text.matchAll(WRITTEN_OUT_EMAIL)) {
    const [whole, local = '', at = ''] = match;
    // the domain ends at its last known top-level label: "outlook dot com. Please" ends at "com"
    const domainStart = whole.length - (match[3] ?? '').length;
    const labels = [...(match[3] ?? '').matchAll(/[\p{L}\p{N}-]+/gu)];
    const nameLike = /[._\d]/u.test(local);
    const lastTop = topLevelIndex(labels, nameLike && at !== '@' && WRITTEN_DOT.test(match[3] ?? ''));
    if (lastTop < 1) continue;
    const lastLabel = labels[lastTop] as RegExpExecArray;
    const domain = (match[3] ?? '').slice(0, (lastLabel.index ?? 0) + lastLabel[0].length);
    const bracketedAt = at !== '@' && at.toLowerCase() !== 'at';
    const writtenDot = WRITTEN_DOT.test(domain);
    // a bare "at" before a real dot: only when the name looks like one (a dot, a digit, an underscore)
    if (!bracketedAt && !writtenDot && at.toLowerCase() === 'at' && !nameLike) continue;
    if (at === '@' && !writtenDot && !/ /.test(whole.slice(0, domainStart + domain.length))) continue;
    const start = match.index ?? 0;
    return { start, end: start + domainStart + domain.length };
  }
  return undefined;
}
