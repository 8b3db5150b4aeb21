import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../devkit/fixtures.js';
import { answerCrc, CRC_TOKEN_MAX_LENGTH, crcTokenFromUrl } from '../../shared/platforms/x/crc.js';
import { signXBody, verifyXSignature } from '../../shared/platforms/x/signature.js';

describe('answerCrc', () => {
  it('answers the known CRC vector (platforms.md §3.2, fixture x_crc_response)', () => {
    const answer = answerCrc('__TOKEN_FROM_TWITTER__', '__APP_SECRET__');
    expect(answer).toEqual({ response_token: 'sha256=rPq0FJoFEukzQI8G52D6xjiQ4BGXK4EuZWYZCWMMlsQ=' });
    expect(JSON.stringify(answer)).toBe(fixtureText('x_crc_response'));
  });

  it('depends on the secret', () => {
    expect(answerCrc('__TOKEN_FROM_TWITTER__', 'another secret')?.response_token).not.toBe(
      'sha256=rPq0FJoFEukzQI8G52D6xjiQ4BGXK4EuZWYZCWMMlsQ=',
    );
  });

  it('answers the token shapes X sends: a UUID, its base64 (both alphabets, padded or not)', () => {
    for (const token of [
      '9b4507b3-9040-4669-9ca3-6b94edb50553',
      'M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0',
      'ZDA5ZDI3MDgtMWFlMi00MDdhLTk5OTItNDI3NDk4OTg5YTc3+/==',
      'ZDA5ZDI3MDgtMWFlMi00MDdhLTk5OTItNDI3NDk4OTg5YTc3_-',
      'a'.repeat(CRC_TOKEN_MAX_LENGTH),
    ]) {
      expect(answerCrc(token, '__APP_SECRET__')?.response_token, token).toMatch(/^sha256=/);
    }
  });

  it('signs nothing that could be a webhook body, nor anything over the length bound', () => {
    for (const token of [
      '{"for_user_id":"1"}',
      '{}',
      'a b',
      'a\tb',
      'a:b',
      'a"b',
      '',
      'a'.repeat(CRC_TOKEN_MAX_LENGTH + 1),
      'ä',
    ]) {
      expect(answerCrc(token, '__APP_SECRET__'), token).toBeUndefined();
    }
  });
});

describe('crcTokenFromUrl', () => {
  it('percent-decodes the token but keeps a literal + (not form decoding)', () => {
    expect(crcTokenFromUrl('https://h/webhooks/x?crc_token=ab+c%2Fd%3D&nonce=1')).toBe('ab+c/d=');
    expect(crcTokenFromUrl('https://h/webhooks/x?nonce=1&crc_token=xyz')).toBe('xyz');
  });

  it('is undefined when the token is absent or not decodable', () => {
    expect(crcTokenFromUrl('https://h/webhooks/x')).toBeUndefined();
    expect(crcTokenFromUrl('https://h/webhooks/x?nonce=1')).toBeUndefined();
    expect(crcTokenFromUrl('https://h/webhooks/x?crc_token=%E0%A4%A')).toBeUndefined();
  });
});

const DELETE_BODY =
  '{"for_user_id":"930524282358325248","tweet_delete_events":[{"status":{"id":"1045405559317569537","user_id":"930524282358325248"},"timestamp_ms":"1432228155593"}]}';
const DELETE_SIGNATURE = 'sha256=fN0FZVManGRnnMhAWWT/UI58TXGACAt7RY5H2/akMa4=';
const AUTOHOOK_BODY = '{"test_number":1,"test_string":"two"}';
const AUTOHOOK_SIGNATURE = 'sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('verifyXSignature', () => {
  it('accepts the published vectors (platforms.md §3.3)', () => {
    expect(verifyXSignature(bytes(DELETE_BODY), DELETE_SIGNATURE, '__APP_SECRET__')).toBe(true);
    expect(verifyXSignature(bytes(AUTOHOOK_BODY), AUTOHOOK_SIGNATURE, 'test')).toBe(true);
    expect(
      verifyXSignature(
        bytes('test=1&other_test=2'),
        'sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=',
        'test',
      ),
    ).toBe(true);
  });

  it('signXBody reproduces the published signatures', () => {
    expect(signXBody(DELETE_BODY, '__APP_SECRET__')).toBe(DELETE_SIGNATURE);
    expect(signXBody(bytes(AUTOHOOK_BODY), 'test')).toBe(AUTOHOOK_SIGNATURE);
  });

  it('rejects a body with one byte changed', () => {
    const tampered = bytes(DELETE_BODY);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(verifyXSignature(tampered, DELETE_SIGNATURE, '__APP_SECRET__')).toBe(false);
  });

  it('rejects the same JSON re-serialised with other whitespace', () => {
    const pretty = JSON.stringify(JSON.parse(DELETE_BODY), null, 2);
    expect(verifyXSignature(bytes(pretty), DELETE_SIGNATURE, '__APP_SECRET__')).toBe(false);
  });

  it('rejects a missing or empty header', () => {
    expect(verifyXSignature(bytes(DELETE_BODY), undefined, '__APP_SECRET__')).toBe(false);
    expect(verifyXSignature(bytes(DELETE_BODY), null, '__APP_SECRET__')).toBe(false);
    expect(verifyXSignature(bytes(DELETE_BODY), '', '__APP_SECRET__')).toBe(false);
    expect(verifyXSignature(bytes(DELETE_BODY), 'sha256=', '__APP_SECRET__')).toBe(false);
  });

  it('rejects the wrong secret, and an empty configured secret', () => {
    expect(verifyXSignature(bytes(DELETE_BODY), DELETE_SIGNATURE, 'wrong secret')).toBe(false);
    expect(verifyXSignature(bytes(''), signXBody('', ''), '')).toBe(false);
  });

  it('rejects the right HMAC written in hex (Meta style) instead of base64', () => {
    const hex = Buffer.from(DELETE_SIGNATURE.slice('sha256='.length), 'base64').toString('hex');
    expect(verifyXSignature(bytes(DELETE_BODY), `sha256=${hex}`, '__APP_SECRET__')).toBe(false);
  });

  it('rejects a header without the sha256= prefix or with another algorithm', () => {
    const digest = DELETE_SIGNATURE.slice('sha256='.length);
    expect(verifyXSignature(bytes(DELETE_BODY), digest, '__APP_SECRET__')).toBe(false);
    expect(verifyXSignature(bytes(DELETE_BODY), `sha1=${digest}`, '__APP_SECRET__')).toBe(false);
  });

  it('tolerates surrounding whitespace in the header value', () => {
    expect(verifyXSignature(bytes(DELETE_BODY), ` ${DELETE_SIGNATURE} `, '__APP_SECRET__')).toBe(true);
  });
});
