import { describe, expect, it } from 'vitest';
import { answerMetaHandshake } from '../../shared/platforms/meta/handshake.js';

describe('answerMetaHandshake', () => {
  it('answers the raw challenge for subscribe with our token (handbook vector bar/zoo)', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'bar', 'hub.challenge': 'zoo' },
      'bar',
    );
    expect(result).toEqual({ status: 200, body: 'zoo' });
  });

  it('returns the numeric challenge Meta documents unchanged', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-token', 'hub.challenge': '1158201444' },
      'my-token',
    );
    expect(result).toEqual({ status: 200, body: '1158201444' });
  });

  it('refuses a wrong token with 403 and an empty body', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'baz', 'hub.challenge': 'zoo' },
      'bar',
    );
    expect(result).toEqual({ status: 403, body: '' });
  });

  it('refuses a token that only shares a prefix with ours', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'ba', 'hub.challenge': 'zoo' },
      'bar',
    );
    expect(result.status).toBe(403);
  });

  it('refuses a mode other than subscribe', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'bar', 'hub.challenge': 'zoo' },
      'bar',
    );
    expect(result.status).toBe(403);
  });

  it('refuses everything when no verify token is configured', () => {
    const result = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': 'zoo' },
      '',
    );
    expect(result.status).toBe(400);
    const withToken = answerMetaHandshake(
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': 'zoo' },
      '',
    );
    expect(withToken.status).toBe(403);
  });

  it('answers 400 when a parameter is missing (the bare bar/zoo vector has no hub.mode)', () => {
    expect(answerMetaHandshake({ 'hub.verify_token': 'bar', 'hub.challenge': 'zoo' }, 'bar').status).toBe(
      400,
    );
    expect(answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.challenge': 'zoo' }, 'bar').status).toBe(400);
    expect(answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'bar' }, 'bar').status).toBe(
      400,
    );
    // PHP-style names are not what Meta sends to a Lambda URL.
    expect(
      answerMetaHandshake({ hub_mode: 'subscribe', hub_verify_token: 'bar', hub_challenge: 'zoo' }, 'bar')
        .status,
    ).toBe(400);
  });
});
