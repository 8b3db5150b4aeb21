import { METRICS_NAMESPACE, type OpsMetricName } from './metric-names.js';

/**
 * One count in CloudWatch's embedded metric format: a JSON log line CloudWatch turns into metrics.
 * Published without dimensions (what the alarms read) and once per dimension given (what the
 * dashboard splits by). Tiny on purpose: the webhook emits it too and keeps Powertools out.
 */
export function emfCount(
  name: OpsMetricName,
  dimensions: Record<string, string> = {},
  at = Date.now(),
): string {
  const keys = Object.keys(dimensions);
  return JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[], ...keys.map((key) => [key])],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    ...dimensions,
    [name]: 1,
  });
}

/**
 * Writes the count to stdout in Lambda, where CloudWatch reads it; straight to stdout, as
 * Powertools does, because Lambda's JSON log format would wrap a console line and hide it.
 * Elsewhere (local stack, tests, scripts) there is no one to read it, so nothing is written.
 */
export function emitCount(name: OpsMetricName, dimensions: Record<string, string> = {}): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  process.stdout.write(`${emfCount(name, dimensions)}\n`);
}
