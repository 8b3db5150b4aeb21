/** a follower count written in the text: "180k followers", "62k Follower", "85.000 Abonnenten" */
const FOLLOWER_COUNT =
  /(?<!\d)(\d+(?:[.,]\d+)?)\s?(k|tsd\.?|tausend|m|mio\.?)?\s*(?:followers?|follower|abonnenten|subscribers|fans)\b/giu;
/** the writer speaking of themself: "I have", "my", "ich hab", "meine", "j'ai", "mes", "ho", "i miei" */
const FIRST_PERSON_SINGULAR =
  /(?<![\p{L}'])(?:i|i'm|im|i've|ive|my|ich|hab|habe|mein|meine|meinen|meiner|j'ai|mes|ho|io|miei|mie)(?![\p{L}'])/iu;

/**
 * The followers the writer claims for themself ("Ich hab 62k Follower", "with my 250k followers").
 * A count said of anyone else is no reach of the author's: an agency offering to grow the brand
 * "auf 100k Follower", or "10k followers for $9", would otherwise page the crisis team.
 */
export function followersInText(text: string): number {
  for (const match of text.matchAll(FOLLOWER_COUNT)) {
    if (claimedAsOwn(text, match.index ?? 0)) return followerNumber(match);
  }
  return 0;
}

function claimedAsOwn(text: string, countAt: number): boolean {
  // the count's clause: from the end of the sentence before it, at most 60 characters back
  const before = text.slice(Math.max(0, countAt - 60), countAt);
  const clauseStart = Math.max(...['.', '!', '?', '\n'].map((end) => before.lastIndexOf(end))) + 1;
  return FIRST_PERSON_SINGULAR.test(before.slice(clauseStart));
}

function followerNumber(match: RegExpMatchArray): number {
  const n = Number((match[1] as string).replace(',', '.'));
  const unit = (match[2] ?? '').toLowerCase();
  if (unit.startsWith('k') || unit.startsWith('t')) return n * 1000;
  if (unit.startsWith('m')) return n * 1_000_000;
  // "85.000 Follower": a dot as thousands separator
  return /^\d{1,3}[.,]\d{3}$/.test(match[1] as string)
    ? Number((match[1] as string).replace(/[.,]/g, ''))
    : n;
}
