import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../devkit/fixtures.js';
import { signMetaBody, verifyMetaSignature } from '../../shared/platforms/meta/signature.js';

// Vectors from the handbook (platforms.md §1.2).
const UNICODE_SECRET = 'e6af24be1d683c8c911949f897eea1f6';
const UNICODE_SIGNATURE = 'sha256=7f202c12ba7dbbd1cb23d8a1b4af648fe22ea04456c0a926fcf8cb4e6da31ab4';
const FAKE_SECRET_SIGNATURE = 'sha256=448df8785dd36742e43fa3cad9de2eca8ceb6391e79c742e33e52c6637f32dac';

describe('verifyMetaSignature', () => {
  const body = fixtureBytes('messenger_text_unicode_signed');

  it('verifies the exact bytes of the unicode-escaped Messenger body', () => {
    expect(body.includes(Buffer.from('Test \\u00e4\\u00eb\\u00ef'))).toBe(true);
    expect(verifyMetaSignature(body, UNICODE_SIGNATURE, [UNICODE_SECRET])).toBe(true);
    expect(signMetaBody(body, UNICODE_SECRET)).toBe(UNICODE_SIGNATURE);
  });

  it('fails on the same JSON re-serialised (the escapes become raw UTF-8)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))), 'utf8');
    expect(reserialised.toString('utf8')).toContain('Test äëï');
    expect(reserialised.equals(body)).toBe(false);
    expect(verifyMetaSignature(reserialised, UNICODE_SIGNATURE, [UNICODE_SECRET])).toBe(false);
  });

  it('matches the FAKE_SECRET vector for {}', () => {
    const empty = new TextEncoder().encode('{}');
    expect(verifyMetaSignature(empty, FAKE_SECRET_SIGNATURE, ['FAKE_SECRET'])).toBe(true);
    expect(signMetaBody('{}', 'FAKE_SECRET')).toBe(FAKE_SECRET_SIGNATURE);
  });

  it('rejects a body with one byte changed', () => {
    const tampered = Buffer.from(body);
    const index = tampered.indexOf('Test');
    tampered[index] = 'B'.charCodeAt(0);
    expect(tampered.equals(body)).toBe(false);
    expect(verifyMetaSignature(tampered, UNICODE_SIGNATURE, [UNICODE_SECRET])).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifyMetaSignature(body, undefined, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, null, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, '', [UNICODE_SECRET])).toBe(false);
  });

  it('rejects a wrong secret and an empty list of secrets', () => {
    expect(verifyMetaSignature(body, UNICODE_SIGNATURE, ['another-secret'])).toBe(false);
    expect(verifyMetaSignature(body, UNICODE_SIGNATURE, [])).toBe(false);
  });

  it('never verifies with an empty secret, even when the header was made with one', () => {
    const signedWithEmptyKey = signMetaBody(body, '');
    expect(verifyMetaSignature(body, signedWithEmptyKey, [''])).toBe(false);
  });

  it('rejects malformed headers', () => {
    const hex = UNICODE_SIGNATURE.slice('sha256='.length);
    expect(verifyMetaSignature(body, hex, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, `sha1=${hex}`, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${hex.slice(0, 62)}`, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${hex}00`, [UNICODE_SECRET])).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${'z'.repeat(64)}`, [UNICODE_SECRET])).toBe(false);
    // The legacy SHA-1 header is not accepted in place of the SHA-256 one.
    expect(verifyMetaSignature(body, 'sha1=f1a4569dcf02a9829a15696d949b386b7d6d0272', [UNICODE_SECRET])).toBe(
      false,
    );
  });

  it('accepts the Instagram app secret as an alternative to the Meta app secret', () => {
    const igBody = fixtureBytes('ig_dm_text_real');
    const metaSecret = 'meta-app-secret';
    const instagramSecret = 'instagram-app-secret';
    const header = signMetaBody(igBody, instagramSecret);
    expect(verifyMetaSignature(igBody, header, [metaSecret])).toBe(false);
    expect(verifyMetaSignature(igBody, header, [metaSecret, instagramSecret])).toBe(true);
    expect(verifyMetaSignature(igBody, header, [instagramSecret, metaSecret])).toBe(true);
  });
});
