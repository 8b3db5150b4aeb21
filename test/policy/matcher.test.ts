import { describe, expect, it } from 'vitest';
import { cueIndex, cueMatcher, tokenize } from '../../shared/policy/matcher.js';

describe('cue matcher wildcards', () => {
  it('"*" alone inside a phrase stands for any one word', () => {
    expect(cueMatcher(['kam in * teilen an']).matches(tokenize('Die Lampe kam in drei Teilen an'))).toEqual([
      'kam in drei teilen an',
    ]);
    expect(cueMatcher(['kam in * teilen an']).test(tokenize('kam in Teilen an'))).toBe(false);
  });

  it('each word of a phrase may be open at its start or end', () => {
    const m = cueMatcher(['leer* karton*']);
    expect(m.matches(tokenize('nur ein leerer Kartonhaufen'))).toEqual(['leerer kartonhaufen']);
    expect(m.test(tokenize('voller Karton'))).toBe(false);
  });

  it('a star inside a word is matched as written', () => {
    expect(cueMatcher(['m**t']).matches(tokenize('what m**t is this'))).toEqual(['m**t']);
  });
});

describe('cue index over several lists', () => {
  it('each list finds what it would find alone, phrases of one list do not hide words of another', () => {
    const index = cueIndex({ waiting: ['warte seit', 'seit'], thing: ['paket*'] });
    const tokens = tokenize('Ich warte seit Tagen auf mein Paketchen');
    expect(index.matches(tokens, 'waiting')).toEqual(['warte seit']);
    expect(index.matches(tokens, 'thing')).toEqual(['paketchen']);
    expect(index.test(tokenize('seit gestern'), 'waiting')).toBe(true);
    expect(index.test(tokens, 'waiting') && !index.test(tokenize('gestern'), 'thing')).toBe(true);
  });
});
