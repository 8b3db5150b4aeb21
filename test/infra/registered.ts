import { expect } from 'vitest';
import type { FunctionBuild, MockStack, RegisteredResource } from './sst-mock-stack.js';

/** Lookups over what a mock stack registered, shared by the infra tests. */
export function registry(stack: () => MockStack) {
  function only(type: string, namePrefix: string): RegisteredResource {
    const found = stack().resources.filter((r) => r.type === type && r.name.startsWith(namePrefix));
    expect(found.map((r) => r.name)).toHaveLength(1);
    return found[0] as RegisteredResource;
  }
  const all = (type: string) => stack().resources.filter((r) => r.type === type);
  const queue = (name: string) => only('aws:sqs/queue:Queue', `${name}Queue`);
  const lambda = (name: string) => only('aws:lambda/function:Function', `${name}Function`);
  const table = () => only('aws:dynamodb/table:Table', 'ConversationsTable');
  const arnOf = (resource: RegisteredResource, service: string) =>
    `arn:aws:${service}:us-east-1:123456789012:${service === 'lambda' ? 'function:' : ''}${resource.inputs.name}`;

  function build(functionID: string): FunctionBuild {
    const found = stack().builds.filter((b) => b.functionID === functionID);
    expect(found).toHaveLength(1);
    return found[0] as FunctionBuild;
  }

  /** The statements of a function's role, as IAM will read them. */
  function policyStatements(
    functionName: string,
  ): { actions: string[]; resources: string[]; effect: string }[] {
    const role = only('aws:iam/role:Role', `${functionName}Role`);
    const policies = role.inputs.inlinePolicies as { policy: string }[];
    return policies.flatMap((p) => (JSON.parse(p.policy) as { Statement: never[] }).Statement);
  }

  return { only, all, queue, lambda, table, arnOf, build, policyStatements };
}

/** Pulumi hands secret-tainted values to the engine wrapped as `{ <signature>: ..., value }`. */
export function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && '4dabf18193072939515e22adb298388d' in value && 'value' in value) {
    return value.value;
  }
  return value;
}
