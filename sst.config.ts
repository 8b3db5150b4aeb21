/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  async app(input) {
    // SST refuses top-level imports in this file: every module is imported where it is used.
    const { isProtectedStage } = await import('./infra/settings.js');
    // `prod` and `production` (or the stages PROTECTED_STAGES lists) keep their table and queues
    // when removed, and Pulumi refuses to delete their resources; see docs/operations.md.
    const protectedStage = isProtectedStage(input?.stage ?? '', process.env);
    return {
      name: 'social-care-responder',
      home: 'aws',
      removal: protectedStage ? 'retain' : 'remove',
      protect: protectedStage,
    };
  },
  async run() {
    // Imported here: the `sst` globals the modules use exist only once run() is called.
    const { conversations } = await import('./infra/storage.js');
    const { inboundQueue, inboundDeadLetterQueue, handoffQueue, handoffDeadLetterQueue } = await import(
      './infra/queues.js'
    );
    const { api, webhookUrls } = await import('./infra/api.js');
    const { alarmTopic } = await import('./infra/alarms.js');
    const { dashboard } = await import('./infra/dashboard.js');

    return {
      apiUrl: api.url,
      metaWebhookUrl: webhookUrls.meta,
      xWebhookUrl: webhookUrls.x,
      inboundQueueUrl: inboundQueue.url,
      inboundDeadLetterQueueUrl: inboundDeadLetterQueue.url,
      handoffQueueUrl: handoffQueue.url,
      handoffDeadLetterQueueUrl: handoffDeadLetterQueue.url,
      tableName: conversations.name,
      alarmTopicArn: alarmTopic.arn,
      dashboardName: dashboard.dashboardName,
    };
  },
});
