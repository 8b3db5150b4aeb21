import { type Category, type Matchers, oneWord } from './cues.js';
import { type Tokens, tokenize } from './matcher.js';

/** How a sentence asks: with a question mark, by how it opens, or not at all. */
type Asking = 'mark' | 'start' | false;

/**
 * Whether one sentence asks something: a question mark, or a question word or a fronted verb at
 * its start (after a greeting), also without a question mark ("Do trains run on Sundays",
 * "Zahlt die Versicherung auch ..."). Exclamations ("Was für ein ...", "What a ...") do not ask.
 */
function asks(m: Matchers, sentence: string, { words }: Tokens): Asking {
  if (sentence.includes('?')) return 'mark';
  let i = 0;
  while (i < words.length) {
    const rest = { words: words.slice(i, i + 5), text: words.slice(i, i + 5).join(' ') };
    const greeting = m.greeting.matches(rest)[0];
    if (!greeting || !rest.text.startsWith(greeting)) break;
    i += greeting.split(' ').length;
  }
  const first = words[i];
  const second = words[i + 1];
  if (!first) return false;
  const opening = { words: words.slice(i, i + 2), text: words.slice(i, i + 2).join(' ') };
  if (m.exclamation_start.test(opening)) return false;
  // "Wer bei euch arbeitet, hat ..." is a statement; "Who do I talk to" asks
  if (m.who.test(oneWord(first))) return second && m.question_start.test(oneWord(second)) ? 'start' : false;
  if (m.question_start.test(oneWord(first))) return 'start';
  const subjectFollows = second !== undefined && m.german_question_subject.test(oneWord(second));
  if (m.german_question_verb.test(oneWord(first))) return subjectFollows ? 'start' : false;
  // German verb-first question: "Zahlt die ...", "Liefert ihr ...", "Fährt der ..."
  if (
    second &&
    /^\p{L}{3,}(?:t|en)$/u.test(first) &&
    !m.statement_start.test(oneWord(first)) &&
    !m.german_question_subject.test(oneWord(first)) &&
    !m.possessive.test(oneWord(first)) &&
    m.german_question_subject.test(oneWord(second))
  ) {
    return 'start';
  }
  return false;
}

/** What the customer states (a case) read apart from what they ask (maybe general). */
export interface Sentences {
  /** each sentence's words */
  all: Tokens[];
  questionMark: boolean;
  question: boolean;
  /** sentences that state something; a mocking sentence ("Nobody likes you.") states no case */
  statements: Tokens[];
  /** "where is my parcel" asks about the customer's own thing; "what happens if I'm out" is general */
  statusQuestion: boolean;
  /** whether a statement holds a word of the list */
  inStatements(c: Category): boolean;
}

/** Splits the message into sentences and reads which of them ask. */
export function readSentences(m: Matchers, text: string, tokens: Tokens): Sentences {
  const sentences = text
    .split(/(?<=[.!?\n:;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  // one sentence (most posts): its words are the message's words
  const all = sentences.length === 1 ? [tokens] : sentences.map((s) => tokenize(s));
  // the index reads each sentence once for all cue lists
  const has = (t: Tokens, c: Category): boolean => m[c].test(t);
  const asked = sentences.map((s, i) => asks(m, s, all[i] as Tokens));
  const statements = all.filter((t, i) => !asked[i] && !has(t, 'trolling'));
  const questions = all.filter((_, i) => asked[i]);
  return {
    all,
    questionMark: asked.includes('mark'),
    question: asked.some(Boolean),
    statements,
    // "where is my parcel", and "is my parcel still not delivered?": the own thing, asked after
    statusQuestion: questions.some(
      (q) =>
        has(q, 'possessive') &&
        !has(q, 'hypothetical') &&
        (has(q, 'status_question') ||
          ((has(q, 'pending') || has(q, 'negation')) &&
            (has(q, 'order_delivery') || has(q, 'account_billing') || has(q, 'tech_noun')))),
    ),
    inStatements: (c) => statements.some((t) => has(t, c)),
  };
}
