import { TABLE } from '../shared/conversations/table.js';
import { tableCapacity } from './capacity.js';

const { byStatus, bySubject } = TABLE.indexes;

const capacity = tableCapacity(process.env);
const provisioned = capacity.billing === 'provisioned';

/** The one table: conversations, their messages, replies and audit entries and dedup records. */
export const conversations = new sst.aws.Dynamo('Conversations', {
  fields: {
    [TABLE.partitionKey]: 'string',
    [TABLE.sortKey]: 'string',
    [byStatus.partitionKey]: 'string',
    [byStatus.sortKey]: 'string',
    [bySubject.partitionKey]: 'string',
  },
  primaryIndex: { hashKey: TABLE.partitionKey, rangeKey: TABLE.sortKey },
  globalIndexes: {
    [byStatus.name]: { hashKey: byStatus.partitionKey, rangeKey: byStatus.sortKey },
    [bySubject.name]: {
      hashKey: bySubject.partitionKey,
      rangeKey: bySubject.sortKey,
      projection: [...bySubject.projection],
    },
  },
  ttl: TABLE.ttlAttribute,
  // A protected stage (prod, production) cannot lose its table to a slip: deletion protection, and
  // point-in-time recovery for 35 days (docs/operations.md: restoring the table).
  deletionProtection: $app.protect,
  transform: {
    table: (args, opts) => {
      args.pointInTimeRecovery = { enabled: $app.protect };
      // Declared rather than left to the default: encrypted at rest with the AWS managed key
      // (aws/dynamodb), so every use of the key shows in CloudTrail.
      args.serverSideEncryption = { enabled: true };
      if (!provisioned) return;
      args.billingMode = 'PROVISIONED';
      args.readCapacity = capacity.read.min;
      args.writeCapacity = capacity.write.min;
      args.globalSecondaryIndexes = $output(args.globalSecondaryIndexes).apply((indexes) =>
        (indexes ?? []).map((index) => ({
          ...index,
          readCapacity: capacity.read.min,
          writeCapacity: capacity.write.min,
        })),
      );
      // Auto scaling moves the capacity: a deploy must not set it back.
      opts.ignoreChanges = [
        'readCapacity',
        'writeCapacity',
        'globalSecondaryIndexes[*].readCapacity',
        'globalSecondaryIndexes[*].writeCapacity',
      ];
    },
  },
});

if (provisioned) {
  const tableName = conversations.nodes.table.name;
  const scaled = [
    { id: 'Table', resource: $interpolate`table/${tableName}`, kind: 'table' },
    { id: 'StatusIndex', resource: $interpolate`table/${tableName}/index/${byStatus.name}`, kind: 'index' },
    { id: 'SubjectIndex', resource: $interpolate`table/${tableName}/index/${bySubject.name}`, kind: 'index' },
  ] as const;
  for (const { id, resource, kind } of scaled) {
    for (const unit of ['Write', 'Read'] as const) {
      const bounds = unit === 'Write' ? capacity.write : capacity.read;
      const target = new aws.appautoscaling.Target(`Conversations${id}${unit}Capacity`, {
        serviceNamespace: 'dynamodb',
        resourceId: resource,
        scalableDimension: `dynamodb:${kind}:${unit}CapacityUnits`,
        minCapacity: bounds.min,
        maxCapacity: bounds.max,
      });
      new aws.appautoscaling.Policy(`Conversations${id}${unit}Scaling`, {
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${unit}CapacityUtilization` },
          targetValue: 70,
        },
      });
    }
  }
}
