import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** The investigator is stuck on a record, sets records aside, or falls behind. */
export function investigatorAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'infra');
  return [
    {
      alert: 'ThothKafkaMessageHalted',
      severity: 'critical',
      for: '5m',
      expr: () => `thoth_investigator_halted_topics{${matcher('namespace', namespace)}} == 1`,
      summary: 'The investigator is stuck on a record of a topic',
      description:
        'An investigator consumer has retried a record of a topic (label base_topic_name) for 5 minutes, and its partition waits meanwhile: the API server or the knowledge graph is likely down; its logs name the error.',
      test: {
        series: [{ series: `thoth_investigator_halted_topics{namespace="${namespace}", base_topic_name="thoth.solver.solved-package"}`, values: '1x60' }],
        labels: { namespace, base_topic_name: 'thoth.solver.solved-package' },
      },
    },
    {
      alert: 'ThothInvestigatorDeadLetters',
      severity: 'warning',
      for: '0m',
      expr: () => `sum by (message_type, reason) (increase(thoth_investigator_dead_letters_total{${matcher('namespace', namespace)}}[15m])) > 0`,
      summary: 'The investigator set records aside',
      description:
        'Records of a message type (label message_type) went to the dead-letter topic (reason: not-json, too-large, too-deep, unknown-version, invalid-message, handler-failed or timeout): look at them there, with their thoth-dead-letter-* headers, and replay them once fixed.',
      test: {
        series: [
          {
            series: `thoth_investigator_dead_letters_total{namespace="${namespace}", message_type="unresolved-package", reason="invalid-message"}`,
            values: '0 1 2 3 4 5 6 7 8 9 10x60',
          },
        ],
        activeFromMinute: 1,
        labels: { message_type: 'unresolved-package', reason: 'invalid-message' },
      },
    },
    {
      alert: 'ThothConsumerLagGrowing',
      severity: 'warning',
      for: '30m',
      threshold: 100,
      // The group has the same name in every environment; the topic prefix tells this one's apart.
      expr: (threshold) => {
        const lag = `kafka_consumergroup_lag{consumergroup=~"thoth\\\\.investigator\\\\..+", topic=~"${env.deploymentName.replace(/[.]/g, '\\\\.')}\\\\..+"}`;
        return `deriv(${lag}[15m]) > 0 and ${lag} > ${threshold}`;
      },
      summary: 'The investigator falls behind on a topic',
      description:
        'The lag of an investigator consumer group (label consumergroup) on a topic (label topic) has grown for 30 minutes: scale the consumers or look for a slow handler.',
      // A lag above the threshold from the start, and growing.
      test: (threshold) => ({
        series: [
          {
            series: `kafka_consumergroup_lag{consumergroup="thoth.investigator.middletier", topic="${env.deploymentName}.thoth.investigator.unresolved-package", partition="0"}`,
            values: `${threshold + 100}+10x120`,
          },
        ],
        activeFromMinute: 1,
        labels: { consumergroup: 'thoth.investigator.middletier', topic: `${env.deploymentName}.thoth.investigator.unresolved-package`, partition: '0' },
      }),
    },
  ];
}
