import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth Kafka Consumers and Argo Workflows": producers, the investigator, and the workflows it schedules. */
export function kafkaArgoDashboard(): Dashboard {
  const consumer = 'instance=~"$consumer"';
  return buildDashboard({
    uid: 'thoth-kafka-argo',
    title: 'Thoth Kafka Consumers and Argo Workflows',
    description: 'Messages produced and consumed, the investigator at work, and the workflows it schedules.',
    variables: [labelVariable('consumer', 'Consumer', 'label_values(thoth_investigator_processed_messages_total, instance)', { multi: true })],
    sections: [
      {
        title: 'Producers',
        panels: [
          timeseries('Messages sent by producers', [{ expr: 'sum by (job) (rate({__name__=~"thoth_.*_messages_sent_total"}[$__rate_interval]))', legend: '{{job}}' }], { unit: 'ops' }),
          timeseries('Messages per type and version', [{ expr: 'sum by (message_type, version) (rate(thoth_investigator_messages_by_version_total[$__rate_interval]))', legend: '{{message_type}} {{version}}' }], { unit: 'ops' }),
        ],
      },
      {
        title: 'Investigator',
        panels: [
          timeseries('Processed', [{ expr: `sum by (message_type) (rate(thoth_investigator_processed_messages_total{${consumer}}[$__rate_interval]))`, legend: '{{message_type}}' }], { unit: 'ops' }),
          timeseries('In progress', [{ expr: `sum by (message_type) (thoth_investigator_in_progress_messages{${consumer}})`, legend: '{{message_type}}' }]),
          timeseries('Exceptions and dead letters', [
            { expr: `sum by (message_type) (rate(thoth_investigator_exceptions_total{${consumer}}[$__rate_interval]))`, legend: 'exceptions {{message_type}}' },
            { expr: `sum by (message_type) (rate(thoth_investigator_dead_letters_total{${consumer}}[$__rate_interval]))`, legend: 'dead letters {{message_type}}' },
          ]),
          timeseries('Paused or halted topics', [
            { expr: `sum by (topic) (thoth_investigator_paused_topics{${consumer}})`, legend: 'paused {{topic}}' },
            { expr: `sum by (topic) (thoth_investigator_halted_topic{${consumer}})`, legend: 'halted {{topic}}' },
          ]),
          timeseries('Consumer lag', [{ expr: 'sum by (topic) (kafka_consumergroup_lag{consumergroup="thoth.investigator"})', legend: '{{topic}}' }]),
          timeseries('Workflows scheduled', [{ expr: `sum by (workflow) (rate(thoth_investigator_workflows_scheduled_total{${consumer}}[$__rate_interval]))`, legend: '{{workflow}}' }], { unit: 'ops' }),
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
