/**
 * The X (Twitter) adapter: webhook CRC and signature, normalisation of Account Activity API and
 * X Activity API deliveries, and the API client for replies. For the CRC path import `./crc.js`
 * alone: it needs nothing but node:crypto.
 */

export {
  classifyXError,
  createXClient,
  type XClientOptions,
  type XCredentialSettings,
  type XCredentials,
  xCredentialsFromSettings,
} from './api-client.js';
export { answerCrc } from './crc.js';
export { dmComposeLink, postPermalink } from './links.js';
export { type NormaliseXOptions, normaliseXDelivery, XPayloadError } from './normalise.js';
export { type OAuth1Credentials, oauth1AuthorizationHeader, oauth1Signature } from './oauth1.js';
export { signXBody, verifyXSignature, X_SIGNATURE_HEADER } from './signature.js';
export { X_MAX_WEIGHTED_LENGTH, X_URL_LENGTH, xWeightedLength } from './text-length.js';
