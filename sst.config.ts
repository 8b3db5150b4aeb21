/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    const production = input?.stage === 'production';
    return {
      name: 'social-care-responder',
      home: 'aws',
      removal: production ? 'retain' : 'remove',
      protect: production,
    };
  },
  async run() {
    // Imported here: the `sst` globals the modules use exist only once run() is called.
    const { conversations } = await import('./infra/storage.js');
    const { inboundQueue, inboundDeadLetterQueue, handoffQueue, handoffDeadLetterQueue } = await import(
      './infra/queues.js'
    );
    const { api, webhookUrls } = await import('./infra/api.js');

    return {
      apiUrl: api.url,
      metaWebhookUrl: webhookUrls.meta,
      xWebhookUrl: webhookUrls.x,
      inboundQueueUrl: inboundQueue.url,
      inboundDeadLetterQueueUrl: inboundDeadLetterQueue.url,
      handoffQueueUrl: handoffQueue.url,
      handoffDeadLetterQueueUrl: handoffDeadLetterQueue.url,
      tableName: conversations.name,
    };
  },
});
