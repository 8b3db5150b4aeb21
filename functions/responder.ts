import { Logger } from '@aws-lambda-powertools/logger';
import { buildConfig } from '../shared/config.js';
import { createResponderDeps } from '../shared/responder/deps.js';
import { createResponderHandler } from '../shared/responder/sqs-handler.js';

const logger = new Logger({ serviceName: 'responder' });

export const handler = createResponderHandler(createResponderDeps(buildConfig('responder'), logger));
