import { describe, expect, it } from 'vitest';
import {
  type OAuth1Credentials,
  oauth1AuthorizationHeader,
  oauth1Signature,
  percentEncode,
  signatureBaseString,
} from '../../shared/platforms/x/oauth1.js';

// X's "Creating a signature" example (docs.x.com, resources/fundamentals/authentication/
// oauth-1-0a/creating-a-signature): a form-encoded POST with a query parameter.
const CREDENTIALS: OAuth1Credentials = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};
const request = (host: string) => ({
  method: 'post',
  url: `https://${host}/1.1/statuses/update.json?include_entities=true`,
  formParams: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: 1318622958,
});

describe('OAuth 1.0a HMAC-SHA1 (RFC 5849) against X published example', () => {
  it('builds the documented signature base string', () => {
    expect(signatureBaseString(request('api.x.com'), CREDENTIALS)).toBe(
      'POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
  });

  it('gives the documented signature (api.x.com, and the classic api.twitter.com version)', () => {
    expect(oauth1Signature(request('api.x.com'), CREDENTIALS)).toBe('Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
    expect(oauth1Signature(request('api.twitter.com'), CREDENTIALS)).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('changes with the token secret', () => {
    expect(oauth1Signature(request('api.x.com'), { ...CREDENTIALS, accessTokenSecret: 'other' })).not.toBe(
      'Ls93hJiZbQ3akF3HF3x1Bz8/zU4=',
    );
  });

  it('writes the Authorization header with every oauth_* parameter, percent-encoded', () => {
    expect(oauth1AuthorizationHeader(request('api.x.com'), CREDENTIALS)).toBe(
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0", oauth_signature="Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D"',
    );
  });

  it('percent-encodes per RFC 3986 (X docs "Percent encoding parameters")', () => {
    expect(percentEncode('Ladies + Gentlemen')).toBe('Ladies%20%2B%20Gentlemen');
    expect(percentEncode('An encoded string!')).toBe('An%20encoded%20string%21');
    expect(percentEncode("Dogs, Cats & Mice (*'')")).toBe('Dogs%2C%20Cats%20%26%20Mice%20%28%2A%27%27%29');
    expect(percentEncode('☃')).toBe('%E2%98%83');
    expect(percentEncode('-._~')).toBe('-._~');
  });
});
