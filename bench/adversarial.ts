/**
 * The policy on hostile text: inputs built to make regular expressions backtrack (long whitespace
 * runs after a brand pattern's keyword, long `www.-pay-pay-…` links, 100 KB of one letter, nested
 * brackets, long digit runs). Each goes through decide() with the default brand, as the responder
 * runs it, at several lengths; the figure is microseconds per character of the message. Linear
 * patterns keep it flat as the text grows (and the policy's bounded prefix makes it fall past
 * POLICY_TEXT_LIMIT); a super-linear one makes it grow with the length.
 * `npx tsx bench/adversarial.ts [--sizes 1000,10000]` prints the figures.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brandAccount, eventFromText, loadDefaultBrand } from '../devkit/offline-policy.js';
import { decide, freshConversation, loadTrigramModel } from '../shared/policy/index.js';
import { median, round } from './stats.js';

await loadTrigramModel();

/** The Facebook comment limit: the longest text one comment can carry. */
export const FACEBOOK_COMMENT_LIMIT = 8000;
export const ADVERSARIAL_SIZES = [1_000, 10_000, 100_000];

/** `unit` repeated to `size` characters, between a head and a tail. */
function filled(size: number, head: string, unit: string, tail = ''): string {
  const room = Math.max(0, size - head.length - tail.length);
  return head + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + tail;
}

/** Each case builds a message of about `size` characters. */
export const ADVERSARIAL_CORPUS: Record<string, (size: number) => string> = {
  'order + spaces': (n) => filled(n, 'order', ' ', '!'),
  'Bestellnummer + tabs and spaces': (n) => filled(n, 'Bestellnummer ', '\t ', 'x'),
  'Kundennummer + spaces': (n) => filled(n, 'kdnr ', ' ', '#'),
  'Paketnummer + spaces': (n) => filled(n, 'Paketnummer', ' ', 'x1'),
  'spaces between words': (n) => filled(n, 'Mein Paket', ' ', 'ist weg'),
  'www.-pay-pay- link': (n) => filled(n, 'Check www.', '-pay', ''),
  'www.-pay-pay- link at the comment limit': () => filled(FACEBOOK_COMMENT_LIMIT, 'www.', '-pay', ''),
  'one letter': (n) => 'a'.repeat(n),
  'one capital letter': (n) => 'A'.repeat(n),
  'nested brackets': (n) => filled(n, '', '(', ')'.repeat(8)),
  'nested square brackets': (n) => filled(n, 'Meine Bestellung [', '[', ']'),
  digits: (n) => filled(n, '', '0', 'x'),
  'digits with commas': (n) => filled(n, 'u', '0,', '0'),
  'host labels': (n) => filled(n, '', 'ia', '\u0000'),
  'dotted letters (e-mail)': (n) => filled(n, '', 't.', 'a'),
  'handle of digits': (n) => filled(n, '@', '0', ' hallo'),
  'street words': (n) => filled(n, 'C', 'Àh', ''),
  'letters and ª': (n) => filled(n, '', 'chnªgenªª', 'chck'),
  'phone-like digits and spaces': (n) => filled(n, 'Tel ', '0 ', ''),
  'question marks': (n) => filled(n, 'Wo ist mein Paket', '?!', ''),
  emoji: (n) => filled(n, 'Paket ', '📦❌', ''),
};

export interface AdversarialCase {
  name: string;
  chars: number;
  /** median time of one decide() on this message */
  microsPerMessage: number;
  microsPerChar: number;
}

export interface AdversarialBenchResult {
  sizes: number[];
  /** the slowest case per character, over every case and size */
  worstMicrosPerChar: number;
  worstCase: string;
  /** the slowest case per character at each size: flat (or falling) when every pattern is linear */
  worstMicrosPerCharBySize: Record<string, number>;
  cases: AdversarialCase[];
}

export function benchAdversarial(sizes = ADVERSARIAL_SIZES, minDurationMs = 50): AdversarialBenchResult {
  const { brand } = loadDefaultBrand();
  const account = brandAccount(brand, 'facebook');
  const now = new Date('2025-03-12T10:00:00Z');
  const cases: AdversarialCase[] = [];
  const seen = new Set<string>();
  for (const size of sizes) {
    for (const [name, build] of Object.entries(ADVERSARIAL_CORPUS)) {
      const text = build(size);
      if (seen.has(`${name}:${text.length}`)) continue; // fixed-length cases run once
      seen.add(`${name}:${text.length}`);
      const event = eventFromText({ text }, brand, now.getTime());
      const run = () => decide({ event, conversation: freshConversation(), brand, account, now });
      run(); // warm-up: compile the patterns on this shape
      // the median run: one run stalled by the machine's other work does not make a worst case
      const samples: number[] = [];
      const start = performance.now();
      while (samples.length < 5 || performance.now() - start < minDurationMs) {
        const begin = performance.now();
        run();
        samples.push(performance.now() - begin);
      }
      const micros = median(samples) * 1000;
      cases.push({
        name,
        chars: text.length,
        microsPerMessage: round(micros, 1),
        microsPerChar: round(micros / text.length, 3),
      });
    }
  }
  const worst = cases.reduce((a, b) => (b.microsPerChar > a.microsPerChar ? b : a));
  const worstMicrosPerCharBySize = Object.fromEntries(
    sizes.map((size) => [
      String(size),
      Math.max(...cases.filter((c) => c.chars === size).map((c) => c.microsPerChar)),
    ]),
  );
  return {
    sizes,
    worstMicrosPerChar: worst.microsPerChar,
    worstCase: `${worst.name} (${worst.chars} chars)`,
    worstMicrosPerCharBySize,
    cases,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { sizes: { type: 'string' } } });
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : ADVERSARIAL_SIZES;
  const result = benchAdversarial(sizes);
  for (const c of result.cases) {
    console.log(
      `${c.name.padEnd(42)} ${String(c.chars).padStart(7)} chars  ${String(c.microsPerMessage).padStart(12)} µs  ${c.microsPerChar} µs/char`,
    );
  }
  console.log(`worst: ${result.worstMicrosPerChar} µs/char, ${result.worstCase}`);
  console.log(`worst per size: ${JSON.stringify(result.worstMicrosPerCharBySize)}`);
}
