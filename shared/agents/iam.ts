/**
 * IAM callers of the deployed agent API. When the API's /agent route uses IAM authorization,
 * API Gateway signs the caller off before Lambda runs and passes the verified principal in
 * `requestContext.authorizer.iam` (a client cannot set it: it is not part of the HTTP request).
 * The agent is the IAM user's name, or the session name of an assumed role
 * (`aws sts assume-role --role-session-name alice`).
 */

const AGENT_ID = /^[A-Za-z0-9._@-]{1,64}$/;

/** `arn:aws:iam::123456789012:user/team/alice` -> alice; `arn:aws:sts::123456789012:assumed-role/Agents/alice` -> alice */
export function agentIdFromPrincipalArn(arn: string): string | undefined {
  const match = /^arn:aws[\w-]*:(iam|sts)::\d{12}:(user|assumed-role)\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const [, service, kind, path = ''] = match;
  if ((service === 'iam') !== (kind === 'user')) return undefined;
  const parts = path.split('/');
  // assumed-role/<role>/<session>: the session names the person; user/<path>/<name>: the name does
  const name = kind === 'assumed-role' ? (parts.length === 2 ? parts[1] : undefined) : parts.at(-1);
  return name && AGENT_ID.test(name) ? name : undefined;
}

/** The verified IAM principal of a Lambda invocation through API Gateway, if IAM authorization ran. */
export function iamPrincipalArn(env: unknown): string | undefined {
  const event = (
    env as { event?: { requestContext?: { authorizer?: { iam?: { userArn?: unknown } } } } } | undefined
  )?.event;
  const arn = event?.requestContext?.authorizer?.iam?.userArn;
  return typeof arn === 'string' ? arn : undefined;
}
