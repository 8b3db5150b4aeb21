import { dynamo } from '../shared/aws/dynamo.js';
import { buildConfig } from '../shared/config.js';
import { ConversationStore } from '../shared/conversations/store.js';
import { publishOpenCases } from '../shared/ops/open-cases.js';

const config = buildConfig('open-cases');
const store = new ConversationStore(dynamo(), config.tableName);

/** Scheduled every five minutes (infra/functions.ts): the dashboard's open cases by level. */
export const handler = async (): Promise<void> => {
  await publishOpenCases(store);
};
