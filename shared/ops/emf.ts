import { METRICS_NAMESPACE, type OpsMetricName } from './metric-names.js';

/** One value in CloudWatch's embedded metric format: a JSON log line CloudWatch turns into metrics. */
function emfLine(
  name: OpsMetricName,
  value: number,
  dimensionSets: string[][],
  dimensions: Record<string, string>,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: dimensionSets, Metrics: [{ Name: name, Unit: 'Count' }] },
      ],
    },
    ...dimensions,
    [name]: value,
  });
}

/**
 * Written to stdout in Lambda, where CloudWatch reads it; straight to stdout, as Powertools does,
 * because Lambda's JSON log format would wrap a console line and hide it. Elsewhere (local stack,
 * tests, scripts) there is no one to read it, so nothing is written. Tiny on purpose: the webhook
 * emits counts too and keeps Powertools out of its bundle.
 */
function write(line: string): void {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) process.stdout.write(`${line}\n`);
}

/**
 * A count of one, published without dimensions (what the alarms read) and once per dimension
 * given (what the dashboard splits by).
 */
export function emitCount(name: OpsMetricName, dimensions: Record<string, string> = {}): void {
  write(emfLine(name, 1, [[], ...Object.keys(dimensions).map((key) => [key])], dimensions));
}

/** A level measured now (not summed over time), published with exactly the dimensions given. */
export function emitGauge(name: OpsMetricName, value: number, dimensions: Record<string, string>): void {
  write(emfLine(name, value, [Object.keys(dimensions)], dimensions));
}
