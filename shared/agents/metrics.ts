import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ServiceLevelMetric } from './service-levels.js';

/** Where service-level metrics go: Powertools EMF when deployed; tests and the CLI may collect them. */
export type ServiceLevelSink = (metrics: readonly ServiceLevelMetric[]) => void;

/**
 * Writes each metric as its own EMF record (CloudWatch turns them into metrics in the
 * namespace), with platform and escalation as dimensions.
 */
export function powertoolsSink(metrics: Metrics): ServiceLevelSink {
  return (list) => {
    for (const metric of list) {
      const single = metrics.singleMetric();
      single.addDimensions(metric.dimensions);
      single.addMetric(
        metric.name,
        metric.unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count,
        metric.value,
      );
    }
  };
}
