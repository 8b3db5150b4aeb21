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

/** Several named cue lists read together: each message is scanned once for all of them. */
export interface CueIndex<C extends string> {
  /** the entries of list `list` found in the message, as written there */
  matches(tokens: Tokens, list: C): readonly string[];
  test(tokens: Tokens, list: C): boolean;
}

interface Part {
  core: string;
  prefix: boolean; // "*word": the word may start earlier
  suffix: boolean; // "word*": the word may go on
}

interface Phrase {
  list: number;
  parts: Part[];
}

/** One list compiled: whole words, open word ends, phrases and literal cues. */
interface CompiledList {
  exact: Set<string>;
  starts: Map<number, Set<string>>;
  ends: Map<number, Set<string>>;
  inside: string[];
  phrasesByFirstWord: Map<string, Part[][]>;
  wildPhrases: Part[][];
  literal?: RegExp;
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

interface Entry {
  prefix: boolean;
  suffix: boolean;
  core: string;
  phraseWords: string[];
  /** symbols inside the cue ("f***"): matched as written */
  literal: boolean;
}

function parseEntry(entry: string): Entry {
  const folded = fold(entry.trim());
  const prefix = folded.startsWith('*');
  const suffix = folded.endsWith('*') && folded.length > 1;
  const core = folded.slice(prefix ? 1 : 0, suffix ? -1 : undefined);
  // in a phrase, each word may start or end with "*", and "*" alone stands for any one word
  const phraseWords = folded.split(/[\s-]+/).filter((w) => w !== '');
  const wildOk = phraseWords.every(
    (w) => w === '*' || !w.replace(/^\*/, '').replace(/\*$/, '').includes('*'),
  );
  return { prefix, suffix, core, phraseWords, literal: !/^[\p{L}\p{N}' *-]+$/u.test(core) || !wildOk };
}

function compileList(entries: readonly string[]): CompiledList {
  const list: CompiledList = {
    exact: new Set(),
    starts: new Map(),
    ends: new Map(),
    inside: [],
    phrasesByFirstWord: new Map(),
    wildPhrases: [],
  };
  const literal: string[] = [];

  for (const { prefix, suffix, core, phraseWords, literal: asWritten } of [...new Set(entries)].map(
    parseEntry,
  )) {
    if (core === '') continue;
    if (asWritten) {
      literal.push(core);
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
      if (first.prefix || first.suffix) list.wildPhrases.push(phrase);
      else {
        const byFirst = list.phrasesByFirstWord.get(first.core) ?? [];
        byFirst.push(phrase);
        list.phrasesByFirstWord.set(first.core, byFirst);
      }
    } else if (prefix && suffix) list.inside.push(core);
    else if (prefix) {
      if (!list.ends.has(core.length)) list.ends.set(core.length, new Set());
      list.ends.get(core.length)?.add(core);
    } else if (suffix) {
      if (!list.starts.has(core.length)) list.starts.set(core.length, new Set());
      list.starts.get(core.length)?.add(core);
    } else list.exact.add(core);
  }
  for (const byFirst of list.phrasesByFirstWord.values()) byFirst.sort((a, b) => b.length - a.length);
  list.wildPhrases.sort((a, b) => b.length - a.length);
  const pattern = literalPattern(literal);
  if (pattern) list.literal = pattern;
  return list;
}

/** Literal cues as one alternation of escaped strings: no quantifier, so it reads a text in linear time. */
function literalPattern(cores: readonly string[]): RegExp | undefined {
  return cores.length > 0 ? new RegExp(cores.map(escapeRegExp).join('|'), 'gu') : undefined;
}

/** The regular expression a cue list's literal cues (those with symbols) are matched with, if any. */
export function literalCuePattern(entries: readonly string[]): RegExp | undefined {
  const parsed = [...new Set(entries)].map(parseEntry);
  return literalPattern(parsed.filter((e) => e.literal && e.core !== '').map((e) => e.core));
}

function wordInList(list: CompiledList, word: string): boolean {
  if (list.exact.has(word)) return true;
  for (const [length, set] of list.starts)
    if (word.length >= length && set.has(word.slice(0, length))) return true;
  for (const [length, set] of list.ends)
    if (word.length >= length && set.has(word.slice(-length))) return true;
  for (const core of list.inside) if (word.includes(core)) return true;
  return false;
}

function phraseMatches(parts: Part[], words: string[], i: number): boolean {
  if (i + parts.length > words.length) return false;
  for (let k = 0; k < parts.length; k++)
    if (!partMatches(parts[k] as Part, words[i + k] as string)) return false;
  return true;
}

const NONE: readonly string[] = Object.freeze([]);

/** The phrases of every list, by their first word (within one list the longest first), and those that start with `*`. */
function phrasesOfEveryList(compiled: readonly CompiledList[]) {
  const phrasesByFirstWord = new Map<string, Phrase[]>();
  const wildPhrases: Phrase[] = [];
  compiled.forEach((list, index) => {
    for (const [first, phrases] of list.phrasesByFirstWord) {
      const merged = phrasesByFirstWord.get(first) ?? [];
      for (const parts of phrases) merged.push({ list: index, parts });
      phrasesByFirstWord.set(first, merged);
    }
    for (const parts of list.wildPhrases) wildPhrases.push({ list: index, parts });
  });
  return { phrasesByFirstWord, wildPhrases };
}

// no closures inside the scan: it runs for every sentence of every message
function add(found: Array<string[] | undefined>, index: number, entry: string): void {
  const list = found[index];
  if (list) list.push(entry);
  else found[index] = [entry];
}

/** each list's longest phrase at word i, unless the list is still inside an earlier phrase */
function takePhrases(
  phrases: Phrase[] | undefined,
  words: string[],
  i: number,
  free: Int32Array,
  found: Array<string[] | undefined>,
): void {
  if (!phrases) return;
  for (const { list, parts } of phrases) {
    if ((free[list] as number) > i || !phraseMatches(parts, words, i)) continue;
    add(found, list, words.slice(i, i + parts.length).join(' '));
    free[list] = i + parts.length;
  }
}

/**
 * Builds one index over all lists, once. A message's words are looked up once for every list
 * (each distinct word's lists are remembered), and the result of a message is kept with its
 * tokens, so asking about many lists, or the same list again, scans nothing twice.
 * Per list the result is what a scan of that list alone finds: at each word the list's longest
 * phrase (phrases that start with a fixed word first), else the word itself.
 */
export function cueIndex<C extends string>(lists: Readonly<Record<C, readonly string[]>>): CueIndex<C> {
  const names = Object.keys(lists) as C[];
  const position = new Map<C, number>(names.map((name, i) => [name, i]));
  const compiled = names.map((name) => compileList(lists[name]));

  const { phrasesByFirstWord, wildPhrases } = phrasesOfEveryList(compiled);
  const literalLists = compiled.flatMap((list, index) => (list.literal ? [index] : []));

  // words repeat across messages: remember each word's lists (bounded, so odd input cannot grow it)
  const memo = new Map<string, number[]>();
  function listsOfWord(word: string): number[] {
    let known = memo.get(word);
    if (known === undefined) {
      known = [];
      for (let index = 0; index < compiled.length; index++)
        if (wordInList(compiled[index] as CompiledList, word)) known.push(index);
      if (memo.size >= 20_000) memo.clear();
      memo.set(word, known);
    }
    return known;
  }

  function scan(tokens: Tokens): Array<string[] | undefined> {
    const found: Array<string[] | undefined> = new Array(compiled.length);
    // per list, the first word not yet part of a found phrase
    const free = new Int32Array(compiled.length);
    const { words } = tokens;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      takePhrases(phrasesByFirstWord.get(word), words, i, free, found);
      takePhrases(wildPhrases, words, i, free, found);
      for (const list of listsOfWord(word)) if ((free[list] as number) <= i) add(found, list, word);
    }
    for (const index of literalLists) {
      const re = (compiled[index] as CompiledList).literal as RegExp;
      for (const m of tokens.text.match(re) ?? []) add(found, index, m);
    }
    return found;
  }

  const results = new WeakMap<Tokens, Array<string[] | undefined>>();
  function matches(tokens: Tokens, name: C): readonly string[] {
    let found = results.get(tokens);
    if (!found) {
      found = scan(tokens);
      results.set(tokens, found);
    }
    return found[position.get(name) as number] ?? NONE;
  }

  return { matches, test: (tokens, name) => matches(tokens, name).length > 0 };
}

/** One cue list on its own. */
export function cueMatcher(entries: readonly string[]): CueMatcher {
  const index = cueIndex({ cues: entries });
  return {
    matches: (tokens) => [...index.matches(tokens, 'cues')],
    test: (tokens) => index.test(tokens, 'cues'),
  };
}
