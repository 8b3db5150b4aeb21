import { PlatformSchema } from '../../shared/events.js';

/**
 * `--erase PLATFORM:USER_ID`: erases one customer, through the agent API with a supervisor key
 * (`--api/--key`) or directly on the table and inbound queue (an operator with AWS access). The
 * responder runs the job (on `npm run dev`, the local stack's poller); this waits for it.
 */
export interface EraseTarget {
  platform: 'facebook' | 'instagram' | 'x';
  userId: string;
}

export function parseEraseTarget(value: string): EraseTarget | undefined {
  const at = value.indexOf(':');
  const platform = PlatformSchema.safeParse(value.slice(0, at));
  const userId = value.slice(at + 1);
  return at > 0 && platform.success && /^[\x21-\x7e]{1,200}$/.test(userId)
    ? { platform: platform.data, userId }
    : undefined;
}

type Status = Record<string, unknown> & { erasureId: string; status: string };

/** Requests the erasure and waits up to `waitSeconds` for the responder to run it. */
export async function eraseCommand(options: {
  target: string;
  api?: { url: string; key: string };
  direct: () => Promise<{ agentId: string; tableName: string; inboundQueueUrl: string }>;
  waitSeconds: number;
}): Promise<{ ok: true; status: Status } | { ok: false; error: string }> {
  const target = parseEraseTarget(options.target);
  if (!target) return { ok: false, error: '--erase takes PLATFORM:USER_ID (facebook, instagram or x)' };
  try {
    const status = options.api
      ? await eraseThroughApi(options.api.url, options.api.key, target, options.waitSeconds)
      : await eraseDirectly(await options.direct(), target, options.waitSeconds);
    return { ok: true, status };
  } catch (error) {
    return { ok: false, error: `the erasure was not requested: ${(error as Error).message}` };
  }
}

async function eraseThroughApi(api: string, key: string, target: EraseTarget, waitSeconds: number) {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${api.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${response.status} ${json.error}: ${json.message}`);
    return json as Status;
  };
  const requested = await call('POST', '/agent/erasures', target);
  return waitFor(() => call('GET', `/agent/erasures/${requested.erasureId}`), waitSeconds);
}

async function eraseDirectly(
  options: { tableName: string; inboundQueueUrl: string; agentId: string },
  target: EraseTarget,
  waitSeconds: number,
) {
  const [{ dynamo }, { ErasureRecords, requestErasure }, { erasureJobEnqueuer }, { retentionFromEnv }] =
    await Promise.all([
      import('../../shared/aws/dynamo.js'),
      import('../../shared/privacy/erasures.js'),
      import('../../shared/privacy/enqueue-job.js'),
      import('../../shared/conversations/retention.js'),
    ]);
  const records = new ErasureRecords({
    db: dynamo(),
    tableName: options.tableName,
    clock: () => new Date(),
    // the deployment's RETENTION_DAYS when the console runs with it set; the defaults otherwise
    retention: retentionFromEnv(process.env).retention,
  });
  const requested = await requestErasure(records, erasureJobEnqueuer(options.inboundQueueUrl), {
    ...target,
    source: 'console',
    requestedBy: options.agentId,
  });
  const read = async () => ((await records.get(requested.erasureId)) ?? requested) as unknown as Status;
  return waitFor(read, waitSeconds);
}

/** Reads the record once, then again every half second until it is done or the wait is over. */
async function waitFor(read: () => Promise<Status>, waitSeconds: number): Promise<Status> {
  let status = await read();
  const until = Date.now() + waitSeconds * 1000;
  while (status.status !== 'done' && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = await read();
  }
  return status;
}
