import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth Kafka Consumers and Argo Workflows": producers, the investigator, and the workflows it schedules. */
export function kafkaArgoDashboard(): Dashboard {
  const consumer = 'instance=~"$consumer"';
  return buildDashboard({
    uid: 'thoth-kafka-argo',
    title: 'Thoth Kafka Consumers and Argo Workflows',
    description: 'Messages produced and consumed, the investigator at work, and the workflows it schedules.',
    variables: [labelVariable('consumer', 'Consumer', 'label_values(thoth_investigator_processed_total, instance)', { multi: true })],
    sections: [
      {
        title: 'Producers',
        panels: [
          timeseries('Messages sent by producers', [{ expr: 'sum by (job) (rate({__name__=~"thoth_.*_messages_sent_total"}[$__rate_interval]))', legend: '{{job}}' }], { unit: 'ops' }),
          timeseries('Messages per type and version', [{ expr: 'sum by (message_type, message_version) (rate(message_count_by_version_total[$__rate_interval]))', legend: '{{message_type}} {{message_version}}' }], { unit: 'ops' }),
        ],
      },
      {
        title: 'Investigator',
        panels: [
          timeseries('Processed', [{ expr: `sum by (message_type) (rate(thoth_investigator_processed_total{${consumer}}[$__rate_interval]))`, legend: '{{message_type}}' }], { unit: 'ops' }),
          timeseries('In progress', [{ expr: `sum by (message_type) (thoth_investigator_in_progress{${consumer}})`, legend: '{{message_type}}' }]),
          timeseries('Exceptions and failures', [
            { expr: `sum by (message_type) (rate(thoth_investigator_exceptions_total{${consumer}}[$__rate_interval]))`, legend: 'exceptions {{message_type}}' },
            { expr: `sum by (message_type) (rate(thoth_investigator_failures_total{${consumer}}[$__rate_interval]))`, legend: 'retries exhausted {{message_type}}' },
          ]),
          timeseries('Halted topics and missing handlers', [
            { expr: `sum by (base_topic_name) (thoth_investigator_halted_topics{${consumer}})`, legend: 'halted {{base_topic_name}}' },
            { expr: `sum by (base_topic_name, message_version) (thoth_investigator_missing_handler{${consumer}})`, legend: 'no handler {{base_topic_name}} {{message_version}}' },
          ]),
          timeseries('Consumer lag', [{ expr: 'sum by (topic) (kafka_consumergroup_lag{consumergroup="thoth.investigator"})', legend: '{{topic}}' }]),
          timeseries('Workflows scheduled', [{ expr: `sum by (workflow_type) (rate(thoth_investigator_scheduled_workflows_total{${consumer}}[$__rate_interval]))`, legend: '{{workflow_type}}' }], { unit: 'ops' }),
        ],
      },
      {
        title: 'Workflows',
        panels: [
          timeseries('Workflows by status (last hour)', [{ expr: 'sum by (name, status) (increase(argo_workflows_status_counter[1h]))', legend: '{{name}} {{status}}' }]),
          timeseries('Queue latency', [{ expr: 'histogram_quantile(0.95, sum by (le, queue_name) (rate(argo_workflows_queue_latency_bucket[$__rate_interval])))', legend: 'p95 {{queue_name}}' }], { unit: 's' }),
        ],
      },
    ],
  });
}
