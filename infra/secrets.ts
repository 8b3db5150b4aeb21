/**
 * Set with `npx sst secret set <Name> <value> --stage <stage>`. Optional secrets carry the placeholder
 * "unset", which shared/config.ts reads as not set; the required ones have none, so a deploy stops
 * until they are set.
 */
const NOT_SET = 'unset';

export const metaAppSecret = new sst.Secret('MetaAppSecret');
export const metaInstagramAppSecret = new sst.Secret('MetaInstagramAppSecret', NOT_SET);
export const metaVerifyToken = new sst.Secret('MetaVerifyToken');
export const metaPageAccessToken = new sst.Secret('MetaPageAccessToken', NOT_SET);
/** JSON object `{"<page or IG account id>": "<token>"}` */
export const metaPageAccessTokens = new sst.Secret('MetaPageAccessTokens', NOT_SET);

export const xConsumerKey = new sst.Secret('XConsumerKey', NOT_SET);
export const xConsumerSecret = new sst.Secret('XConsumerSecret', NOT_SET);
export const xAccessToken = new sst.Secret('XAccessToken', NOT_SET);
export const xAccessTokenSecret = new sst.Secret('XAccessTokenSecret', NOT_SET);
export const xOAuth2UserToken = new sst.Secret('XOAuth2UserToken', NOT_SET);

export const agentApiKeys = new sst.Secret('AgentApiKeys', NOT_SET);

/** What the webhook needs to verify signatures, answer handshakes and CRC checks. */
export const webhookSecrets = [metaAppSecret, metaInstagramAppSecret, metaVerifyToken, xConsumerSecret];

export const allSecrets = [
  metaAppSecret,
  metaInstagramAppSecret,
  metaVerifyToken,
  metaPageAccessToken,
  metaPageAccessTokens,
  xConsumerKey,
  xConsumerSecret,
  xAccessToken,
  xAccessTokenSecret,
  xOAuth2UserToken,
  agentApiKeys,
];
