/**
 * Set with `npx sst secret set <Name> <value> --stage <stage>`. Optional secrets carry the placeholder
 * "unset", which shared/config.ts reads as not set; the required ones have none, so a deploy stops
 * until they are set. Each function is linked to the secrets its code reads, no others: a secret
 * linked to a function is readable by anyone who can read that function's bundle.
 */
const NOT_SET = 'unset';

export const metaAppSecret = new sst.Secret('MetaAppSecret');
export const metaInstagramAppSecret = new sst.Secret('MetaInstagramAppSecret', NOT_SET);
export const metaVerifyToken = new sst.Secret('MetaVerifyToken');
/** the Meta app's id: tells our own Messenger echoes apart, and makes the app token for debug_token */
export const metaAppId = new sst.Secret('MetaAppId', NOT_SET);
export const metaPageAccessToken = new sst.Secret('MetaPageAccessToken', NOT_SET);
/** JSON object `{"<page or IG account id>": "<token>"}` */
export const metaPageAccessTokens = new sst.Secret('MetaPageAccessTokens', NOT_SET);

export const xConsumerKey = new sst.Secret('XConsumerKey', NOT_SET);
export const xConsumerSecret = new sst.Secret('XConsumerSecret', NOT_SET);
/** the X account id the single-account tokens below act as */
export const xAccountId = new sst.Secret('XAccountId', NOT_SET);
export const xAccessToken = new sst.Secret('XAccessToken', NOT_SET);
export const xAccessTokenSecret = new sst.Secret('XAccessTokenSecret', NOT_SET);
export const xOAuth2UserToken = new sst.Secret('XOAuth2UserToken', NOT_SET);
/** JSON object `{"<X account id>": {"accessToken": "…", "accessTokenSecret": "…"} | {"oauth2UserToken": "…"}}` */
export const xAccountCredentials = new sst.Secret('XAccountCredentials', NOT_SET);

export const agentApiKeys = new sst.Secret('AgentApiKeys', NOT_SET);

/** What the webhook needs to verify signatures, answer handshakes and CRC checks, tell echoes apart. */
export const webhookSecrets = [
  metaAppSecret,
  metaInstagramAppSecret,
  metaVerifyToken,
  metaAppId,
  xConsumerSecret,
];

/** What acting as the brand's accounts needs: page tokens and X credentials. */
export const platformCredentialSecrets = [
  metaPageAccessToken,
  metaPageAccessTokens,
  xConsumerKey,
  xConsumerSecret,
  xAccountId,
  xAccessToken,
  xAccessTokenSecret,
  xOAuth2UserToken,
  xAccountCredentials,
];

export const responderSecrets = platformCredentialSecrets;

export const agentApiSecrets = [...platformCredentialSecrets, agentApiKeys];

/** debug_token needs the app's own token (`<app id>|<app secret>`) beside the tokens it checks. */
export const tokenHealthSecrets = [...platformCredentialSecrets, metaAppId, metaAppSecret];
