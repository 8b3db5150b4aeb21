export { classifyGraphError, createMetaClient, type MetaClientOptions } from './graph-client.js';
export { answerMetaHandshake, type MetaHandshakeResult } from './handshake.js';
export {
  type MetaNormaliseOptions,
  MetaPayloadError,
  type MetaPlatform,
  normaliseMetaDelivery,
} from './normalise.js';
export { signMetaBody, verifyMetaSignature } from './signature.js';
