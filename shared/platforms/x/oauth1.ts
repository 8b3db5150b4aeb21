import { createHmac, randomBytes } from 'node:crypto';

/** The app's consumer key/secret and one account's access token/secret (OAuth 1.0a user context). */
export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface OAuth1Request {
  method: string;
  /** the full request URL; its query parameters are signed */
  url: string;
  /**
   * `application/x-www-form-urlencoded` body parameters, which are signed too (RFC 5849
   * §3.4.1.3). JSON bodies, as the v2 API takes, are not part of the signature.
   */
  formParams?: Readonly<Record<string, string>>;
  /** unique per request */
  nonce: string;
  /** seconds since the epoch */
  timestamp: number;
}

/** RFC 3986 percent-encoding as OAuth 1.0a requires: everything but A-Z a-z 0-9 - . _ ~ */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A random nonce of letters and digits. */
export function oauthNonce(): string {
  return randomBytes(16).toString('hex');
}

function protocolParams(request: OAuth1Request, credentials: OAuth1Credentials): [string, string][] {
  return [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', request.nonce],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(request.timestamp)],
    ['oauth_token', credentials.accessToken],
    ['oauth_version', '1.0'],
  ];
}

/** The signature base string of RFC 5849 §3.4.1: method, base URI, normalised parameters. */
export function signatureBaseString(request: OAuth1Request, credentials: OAuth1Credentials): string {
  const url = new URL(request.url);
  // Base string URI: lower-case scheme and host, default port dropped (URL does both), no query.
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  const params: [string, string][] = [
    ...url.searchParams.entries(),
    ...Object.entries(request.formParams ?? {}),
    ...protocolParams(request, credentials),
  ];
  const normalised = params
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 === k2 ? compare(v1, v2) : compare(k1, k2)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [request.method.toUpperCase(), percentEncode(baseUri), percentEncode(normalised)].join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** HMAC-SHA1 of the base string with `consumerSecret&tokenSecret`, base64. */
export function oauth1Signature(request: OAuth1Request, credentials: OAuth1Credentials): string {
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.accessTokenSecret)}`;
  return createHmac('sha1', key).update(signatureBaseString(request, credentials)).digest('base64');
}

/** The `Authorization: OAuth ...` header value for this request. */
export function oauth1AuthorizationHeader(request: OAuth1Request, credentials: OAuth1Credentials): string {
  const params: [string, string][] = [
    ...protocolParams(request, credentials),
    ['oauth_signature', oauth1Signature(request, credentials)],
  ];
  return `OAuth ${params.map(([key, value]) => `${percentEncode(key)}="${percentEncode(value)}"`).join(', ')}`;
}
