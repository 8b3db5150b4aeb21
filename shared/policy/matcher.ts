/**
 * Matches cue-word lists (see lexicon.ts for the syntax) against a message that is split into
 * words once. Word and phrase lookups in sets keep one triage far below a millisecond, where one
 * big regular expression per list (with Unicode word boundaries) cost milliseconds.
 */

/** A message folded for matching: lower case, ä/ö/ü/ß as ae/oe/ue/ss, one kind of apostrophe. */
export interface Tokens {
  words: string[];
  text: string;
}

export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[’`´]/g, "'");
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

export function tokenize(text: string): Tokens {
  const folded = fold(text);
  return { words: folded.match(WORD) ?? [], text: folded };
}

export interface CueMatcher {
  /** the entries found in the message, as written there (a phrase's words are not counted again alone) */
  matches(tokens: Tokens): string[];
  test(tokens: Tokens): boolean;
}

interface Part {
  core: string;
  prefix: boolean; // "*word": the word may start earlier
  suffix: boolean; // "word*": the word may go on
}

function partMatches(part: Part, word: string): boolean {
  if (part.prefix && part.suffix) return word.includes(part.core);
  if (part.prefix) return word.endsWith(part.core);
  if (part.suffix) return word.startsWith(part.core);
  return word === part.core;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function cueMatcher(entries: readonly string[]): CueMatcher {
  const exact = new Set<string>();
  const starts = new Map<number, Set<string>>();
  const ends = new Map<number, Set<string>>();
  const inside: string[] = [];
  const phrasesByFirstWord = new Map<string, Part[][]>();
  const wildPhrases: Part[][] = [];
  const literal: string[] = [];

  for (const entry of new Set(entries)) {
    const folded = fold(entry.trim());
    const prefix = folded.startsWith('*');
    const suffix = folded.endsWith('*') && folded.length > 1;
    const core = folded.slice(prefix ? 1 : 0, suffix ? -1 : undefined);
    if (core === '') continue;
    // in a phrase, each word may start or end with "*", and "*" alone stands for any one word
    const phraseWords = folded.split(/[\s-]+/).filter((w) => w !== '');
    const wildOk = phraseWords.every(
      (w) => w === '*' || !w.replace(/^\*/, '').replace(/\*$/, '').includes('*'),
    );
    if (!/^[\p{L}\p{N}' *-]+$/u.test(core) || !wildOk) {
      // symbols inside a cue ("f***"): matched as written
      literal.push(escapeRegExp(core));
      continue;
    }
    const words = core.split(/[\s-]+/).filter((w) => w !== '');
    if (words.length > 1) {
      const phrase: Part[] = phraseWords.map((w) =>
        w === '*'
          ? { core: '', prefix: true, suffix: true }
          : {
              core: w.replace(/^\*/, '').replace(/\*$/, ''),
              prefix: w.startsWith('*'),
              suffix: w.endsWith('*'),
            },
      );
      const first = phrase[0] as Part;
      if (first.prefix || first.suffix) wildPhrases.push(phrase);
      else {
        const list = phrasesByFirstWord.get(first.core) ?? [];
        list.push(phrase);
        phrasesByFirstWord.set(first.core, list);
      }
    } else if (prefix && suffix) inside.push(core);
    else if (prefix) {
      if (!ends.has(core.length)) ends.set(core.length, new Set());
      ends.get(core.length)?.add(core);
    } else if (suffix) {
      if (!starts.has(core.length)) starts.set(core.length, new Set());
      starts.get(core.length)?.add(core);
    } else exact.add(core);
  }
  for (const list of phrasesByFirstWord.values()) list.sort((a, b) => b.length - a.length);
  wildPhrases.sort((a, b) => b.length - a.length);
  const literalRe = literal.length > 0 ? new RegExp(literal.join('|'), 'gu') : undefined;

  // words repeat across messages: remember each word's answer (bounded, so odd input cannot grow it)
  const memo = new Map<string, boolean>();
  function single(word: string): boolean {
    let known = memo.get(word);
    if (known === undefined) {
      known = lookup(word);
      if (memo.size >= 20_000) memo.clear();
      memo.set(word, known);
    }
    return known;
  }

  function lookup(word: string): boolean {
    if (exact.has(word)) return true;
    for (const [length, set] of starts)
      if (word.length >= length && set.has(word.slice(0, length))) return true;
    for (const [length, set] of ends) if (word.length >= length && set.has(word.slice(-length))) return true;
    for (const core of inside) if (word.includes(core)) return true;
    return false;
  }

  /** the length of the longest phrase of the list that starts at word i, or 0 */
  function phraseAt(list: Part[][] | undefined, words: string[], i: number): number {
    if (!list) return 0;
    for (const phrase of list) {
      if (i + phrase.length > words.length) continue;
      let ok = true;
      for (let k = 0; k < phrase.length && ok; k++)
        ok = partMatches(phrase[k] as Part, words[i + k] as string);
      if (ok) return phrase.length;
    }
    return 0;
  }

  /** the entries found; with `first`, stops at the first one (a test needs no more) */
  function scan(tokens: Tokens, first: boolean): string[] {
    const found: string[] = [];
    const { words } = tokens;
    for (let i = 0; i < words.length; i++) {
      const consumed =
        phraseAt(phrasesByFirstWord.get(words[i] as string), words, i) || phraseAt(wildPhrases, words, i);
      if (consumed > 0) {
        found.push(words.slice(i, i + consumed).join(' '));
        i += consumed - 1;
      } else if (single(words[i] as string)) {
        found.push(words[i] as string);
      }
      if (first && found.length > 0) return found;
    }
    if (literalRe) for (const m of tokens.text.match(literalRe) ?? []) found.push(m);
    return found;
  }

  return {
    matches: (tokens) => scan(tokens, false),
    test: (tokens) => scan(tokens, true).length > 0,
  };
}
