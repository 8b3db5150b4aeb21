import type { Config } from '../config.js';
import { GRAPH_API_VERSION } from '../config.js';
import type { Platform } from '../events.js';
import type { PlatformClient } from './client.js';
import { createMetaClient } from './meta/graph-client.js';
import { createXClient, xCredentialsFromSettings } from './x/api-client.js';

/** One client per platform, from the configuration: the responder's and the agents' replies go through them. */
export function createPlatformClients(config: Config, clock: () => Date): Record<Platform, PlatformClient> {
  const metaOptions = {
    graphUrl: config.meta.graphUrl,
    version: GRAPH_API_VERSION,
    pageToken: config.meta.pageToken,
    timeoutMs: config.platformTimeoutMs,
  };
  // Each X account acts only with its own tokens: an account without them gets dry runs.
  const xCredentials = (accountId: string) => {
    const tokens = config.x.accounts[accountId];
    return tokens && xCredentialsFromSettings({ ...config.x, ...tokens });
  };
  return {
    facebook: createMetaClient('facebook', metaOptions),
    instagram: createMetaClient('instagram', metaOptions),
    x: createXClient({
      apiUrl: config.x.apiUrl,
      credentials: xCredentials,
      timeoutMs: config.platformTimeoutMs,
      now: () => clock().getTime(),
    }),
  };
}
