/**
 * Compiles a cue-word list (see lexicon.ts for the syntax) into one regular expression, so each
 * list costs one scan of the text.
 */
export interface CueMatcher {
  /** the entries' matches in the text, in order */
  matches(text: string): string[];
  test(text: string): boolean;
}

const SPELLINGS: Record<string, string> = { ä: '(?:ä|ae)', ö: '(?:ö|oe)', ü: '(?:ü|ue)', ß: '(?:ß|ss)' };

function entrySource(entry: string): string {
  const word = entry.toLowerCase().trim();
  const leading = word.startsWith('*');
  const trailing = word.endsWith('*');
  const core = word.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  let body = '';
  for (const ch of core) {
    if (SPELLINGS[ch]) body += SPELLINGS[ch];
    else if (ch === ' ') body += '\\s+';
    else if (ch === "'") body += "['’]?";
    else body += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const startsWithLetter = /^[\p{L}\p{N}]/u.test(core);
  const endsWithLetter = /[\p{L}\p{N}]$/u.test(core);
  const before = leading ? '\\p{L}*' : startsWithLetter ? '(?<![\\p{L}\\p{N}])' : '';
  const after = trailing ? '\\p{L}*' : endsWithLetter ? '(?![\\p{L}\\p{N}])' : '';
  return `${before}${body}${after}`;
}

export function cueMatcher(entries: readonly string[]): CueMatcher {
  if (entries.length === 0) return { matches: () => [], test: () => false };
  // longer entries first so a phrase wins over the single word inside it
  const sorted = [...new Set(entries)].sort((a, b) => b.length - a.length);
  const source = sorted.map(entrySource).join('|');
  const global = new RegExp(source, 'giu');
  const single = new RegExp(source, 'iu');
  return {
    matches: (text) => text.match(global) ?? [],
    test: (text) => single.test(text),
  };
}
