import { describe, expect, it } from 'vitest';
import { dmComposeLink, postPermalink } from '../../shared/platforms/x/links.js';
import { X_MAX_WEIGHTED_LENGTH, xWeightedLength } from '../../shared/platforms/x/text-length.js';

describe('dmComposeLink', () => {
  it('opens a DM to the account, with an optional prefilled text', () => {
    expect(dmComposeLink('1114259648326987776')).toBe(
      'https://x.com/messages/compose?recipient_id=1114259648326987776',
    );
    expect(dmComposeLink('1114259648326987776', 'Sendung 12345 & Rückfrage?')).toBe(
      'https://x.com/messages/compose?recipient_id=1114259648326987776&text=Sendung%2012345%20%26%20R%C3%BCckfrage%3F',
    );
  });
});

describe('postPermalink', () => {
  it('links to the post under its author, or through /i/web when the handle is unknown', () => {
    expect(postPermalink('1332557345071644672', 'TanuLearns')).toBe(
      'https://x.com/TanuLearns/status/1332557345071644672',
    );
    expect(postPermalink('1332557345071644672')).toBe('https://x.com/i/web/status/1332557345071644672');
  });
});

describe('xWeightedLength', () => {
  it('counts Latin text one per character', () => {
    expect(xWeightedLength('Hallo @kunde, danke!')).toBe(20);
    expect(xWeightedLength('Grüße')).toBe(5);
  });

  it('counts every link as 23, whatever its length, trailing punctuation apart', () => {
    const link = 'https://x.com/messages/compose?recipient_id=1114259648326987776&text=Hallo';
    expect(xWeightedLength(`DM: ${link}`)).toBe(4 + 23);
    expect(xWeightedLength(`DM: ${link}.`)).toBe(4 + 23 + 1);
    expect(xWeightedLength('https://t.co/x')).toBe(23);
    expect(xWeightedLength('see (dhl.de/hilfe)')).toBe(5 + 23 + 1);
    expect(xWeightedLength('a https://a.de b https://b.de')).toBe(2 + 23 + 3 + 23);
  });

  it('counts CJK characters and emoji as two', () => {
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('👍')).toBe(2);
    expect(xWeightedLength('👍🏽')).toBe(2);
    expect(xWeightedLength('🇩🇪')).toBe(2);
    expect(xWeightedLength('👨‍👩‍👧')).toBe(2);
    expect(xWeightedLength('ok 👍')).toBe(5);
  });

  it('tells a post that fits from one that does not', () => {
    expect(xWeightedLength('a'.repeat(X_MAX_WEIGHTED_LENGTH))).toBe(280);
    expect(xWeightedLength('語'.repeat(141))).toBe(282);
  });
});
