import { Logger } from '@aws-lambda-powertools/logger';
import { dynamo } from '../shared/aws/dynamo.js';
import { buildConfig } from '../shared/config.js';
import { ConversationStore } from '../shared/conversations/store.js';
import { checkTokenHealth } from '../shared/ops/token-health.js';
import { readValidatedBrands } from '../shared/policy/brands.js';

const logger = new Logger({ serviceName: 'token-health' });
const config = buildConfig('token-health');
const store = new ConversationStore(dynamo(), config.tableName);
const brands = readValidatedBrands(config.brandsFile);

/** Scheduled once a day (infra/functions.ts); a check that could not run fails the invocation. */
export const handler = async (): Promise<void> => {
  await checkTokenHealth({
    config,
    brands,
    flagAccount: (platform, accountId, problem) => store.flagAccount(platform, accountId, problem),
    clearAccountFlag: (platform, accountId) => store.clearAccountFlag(platform, accountId),
    log: logger,
    now: () => new Date(),
  });
};
