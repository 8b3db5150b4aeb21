import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCapacity } from '../../infra/capacity.js';
import { type MockStack, runMockStack } from './sst-mock-stack.js';

describe('tableCapacity', () => {
  it('is on demand unless told otherwise', () => {
    expect(tableCapacity({})).toEqual({
      billing: 'on-demand',
      write: { min: 5, max: 500 },
      read: { min: 5, max: 500 },
    });
  });

  it('reads the bounds of provisioned capacity', () => {
    expect(
      tableCapacity({ TABLE_BILLING: 'provisioned', TABLE_WRITE_UNITS: '2-300', TABLE_READ_UNITS: '1-40' }),
    ).toEqual({ billing: 'provisioned', write: { min: 2, max: 300 }, read: { min: 1, max: 40 } });
  });

  it.each([
    [{ TABLE_BILLING: 'reserved' }, /TABLE_BILLING must be on-demand or provisioned/],
    [{ TABLE_WRITE_UNITS: '300-2' }, /TABLE_WRITE_UNITS must be "min-max"/],
    [{ TABLE_READ_UNITS: '0-10' }, /TABLE_READ_UNITS must be "min-max"/],
    [{ TABLE_READ_UNITS: 'lots' }, /TABLE_READ_UNITS must be "min-max"/],
  ])('refuses %o', (env, message) => {
    expect(() => tableCapacity(env)).toThrow(message);
  });
});

describe('a stage deployed with TABLE_BILLING=provisioned', () => {
  let stack: MockStack;
  beforeAll(async () => {
    process.env.TABLE_BILLING = 'provisioned';
    process.env.TABLE_WRITE_UNITS = '2-300';
    process.env.TABLE_READ_UNITS = '1-40';
    stack = await runMockStack({ MetaAppSecret: 's', MetaVerifyToken: 't', AgentApiKeys: 'k' });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    delete process.env.TABLE_BILLING;
    delete process.env.TABLE_WRITE_UNITS;
    delete process.env.TABLE_READ_UNITS;
  });

  it('provisions the table and its indexes at the lower bounds', () => {
    const [table, ...others] = stack.resources.filter((r) => r.type === 'aws:dynamodb/table:Table');
    expect(others).toHaveLength(0);
    expect(table?.inputs).toMatchObject({ billingMode: 'PROVISIONED', readCapacity: 1, writeCapacity: 2 });
    expect(table?.inputs.globalSecondaryIndexes).toEqual([
      expect.objectContaining({ name: 'byStatus', readCapacity: 1, writeCapacity: 2 }),
      expect.objectContaining({ name: 'bySubject', readCapacity: 1, writeCapacity: 2 }),
    ]);
  });

  it('auto scales reads and writes of the table and its indexes at 70 % utilisation', () => {
    const targets = stack.resources
      .filter((r) => r.type === 'aws:appautoscaling/target:Target')
      .map((r) => ({
        dimension: r.inputs.scalableDimension,
        resource: String(r.inputs.resourceId).replace(/^table\/[^/]+/, 'table/T'),
        min: r.inputs.minCapacity,
        max: r.inputs.maxCapacity,
      }));
    expect(targets).toEqual(
      expect.arrayContaining([
        { dimension: 'dynamodb:table:WriteCapacityUnits', resource: 'table/T', min: 2, max: 300 },
        { dimension: 'dynamodb:table:ReadCapacityUnits', resource: 'table/T', min: 1, max: 40 },
        {
          dimension: 'dynamodb:index:WriteCapacityUnits',
          resource: 'table/T/index/byStatus',
          min: 2,
          max: 300,
        },
        {
          dimension: 'dynamodb:index:ReadCapacityUnits',
          resource: 'table/T/index/byStatus',
          min: 1,
          max: 40,
        },
        {
          dimension: 'dynamodb:index:WriteCapacityUnits',
          resource: 'table/T/index/bySubject',
          min: 2,
          max: 300,
        },
        {
          dimension: 'dynamodb:index:ReadCapacityUnits',
          resource: 'table/T/index/bySubject',
          min: 1,
          max: 40,
        },
      ]),
    );
    expect(targets).toHaveLength(6);
    const policies = stack.resources.filter((r) => r.type === 'aws:appautoscaling/policy:Policy');
    expect(policies).toHaveLength(6);
    for (const policy of policies) {
      expect(policy.inputs).toMatchObject({
        policyType: 'TargetTrackingScaling',
        targetTrackingScalingPolicyConfiguration: { targetValue: 70 },
      });
    }
  });
});
