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
          timeseries(
            'Messages sent by producers',
            [{ expr: 'sum by (job) (rate({__name__=~"thoth_.*_messages_sent_total"}[$__rate_interval]))', legend: '{{job}}' }],
            { unit: 'ops' },
          ),
          timeseries(
            'Messages per type and version',
            [
              {
                expr: 'sum by (message_type, message_version) (rate(message_count_by_version_total[$__rate_interval]))',
                legend: '{{message_type}} {{message_version}}',
              },
            ],
            { unit: 'ops' },
          ),
        ],
      },
      {
        title: 'Investigator',
        panels: [
          timeseries(
            'Processed',
            [{ expr: `sum by (message_type) (rate(thoth_investigator_processed_total{${consumer}}[$__rate_interval]))`, legend: '{{message_type}}' }],
            { unit: 'ops' },
          ),
          timeseries('In progress', [{ expr: `sum by (message_type) (thoth_investigator_in_progress{${consumer}})`, legend: '{{message_type}}' }]),
          timeseries('Failed attempts, dead letters and replays', [
            {
              expr: `sum by (message_type) (rate(thoth_investigator_exceptions_total{${consumer}}[$__rate_interval]))`,
              legend: 'failed attempt {{message_type}}',
            },
            {
              expr: `sum by (message_type, reason) (rate(thoth_investigator_dead_letters_total{${consumer}}[$__rate_interval]))`,
              legend: 'dead letter {{message_type}} ({{reason}})',
            },
            {
              expr: `sum by (message_type, outcome) (rate(thoth_investigator_replayed_total{${consumer}}[$__rate_interval]))`,
              legend: 'replayed {{message_type}} ({{outcome}})',
            },
          ]),
          timeseries('Waiting: a record retried, or too many pending workflows', [
            { expr: `sum by (base_topic_name) (thoth_investigator_halted_topics{${consumer}})`, legend: 'retrying {{base_topic_name}}' },
            { expr: `max by (namespace) (thoth_investigator_waiting_for_workflows{${consumer}})`, legend: 'pending workflows at the limit in {{namespace}}' },
          ]),
          timeseries('Consumer lag', [
            {
              expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag{consumergroup=~"thoth\\\\.investigator\\\\..+"})',
              legend: '{{consumergroup}} {{topic}}',
            },
          ]),
          timeseries(
            'Workflows scheduled',
            [
              {
                expr: `sum by (workflow_type) (rate(thoth_investigator_scheduled_workflows_total{${consumer}}[$__rate_interval]))`,
                legend: '{{workflow_type}}',
              },
              {
                expr: `sum by (workflow_type) (rate(thoth_investigator_workflows_already_submitted_total{${consumer}}[$__rate_interval]))`,
                legend: 'already submitted {{workflow_type}}',
              },
            ],
            { unit: 'ops' },
          ),
        ],
      },
      {
        title: 'Workflows',
        panels: [
          timeseries('Workflows by status (last hour)', [
            { expr: 'sum by (name, status) (increase(argo_workflows_status_counter[1h]))', legend: '{{name}} {{status}}' },
          ]),
          timeseries(
            'Queue latency',
            [
              {
                expr: 'histogram_quantile(0.95, sum by (le, queue_name) (rate(argo_workflows_queue_latency_bucket[$__rate_interval])))',
                legend: 'p95 {{queue_name}}',
              },
            ],
            { unit: 's' },
          ),
        ],
      },
    ],
  });
}
