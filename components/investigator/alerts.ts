import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** The investigator stopped consuming a topic, or its lag keeps growing. */
export function investigatorAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'infra');
  return [
    {
      alert: 'ThothKafkaMessageHalted',
      severity: 'critical',
      for: '5m',
      expr: () => `thoth_investigator_halted_topics{${matcher('namespace', namespace)}} == 1`,
      summary: 'The investigator stopped consuming a topic',
      description: 'An investigator consumer has halted a topic (label base_topic_name): its messages pile up unhandled.',
      test: {
        series: [{ series: `thoth_investigator_halted_topics{namespace="${namespace}", base_topic_name="thoth.solver.solved-package"}`, values: '1x60' }],
        labels: { namespace, base_topic_name: 'thoth.solver.solved-package' },
      },
    },
    {
      alert: 'ThothConsumerLagGrowing',
      severity: 'warning',
      for: '30m',
      threshold: 100,
      // The group has the same name in every environment; the topic prefix tells this one's apart.
      expr: (threshold) => {
        const lag = `kafka_consumergroup_lag{${matcher('consumergroup', 'thoth.investigator')}, topic=~"${env.deploymentName.replace(/[.]/g, '\\\\.')}\\\\..+"}`;
        return `deriv(${lag}[15m]) > 0 and ${lag} > ${threshold}`;
      },
      summary: 'The investigator falls behind on a topic',
      description: 'The lag of consumer group thoth.investigator on a topic (label topic) has grown for 30 minutes: scale the consumers or look for a slow handler.',
      test: {
        series: [{ series: `kafka_consumergroup_lag{consumergroup="thoth.investigator", topic="${env.deploymentName}.thoth.investigator.unresolved-package", partition="0"}`, values: '200+10x120' }],
        activeFromMinute: 1,
        labels: { consumergroup: 'thoth.investigator', topic: `${env.deploymentName}.thoth.investigator.unresolved-package`, partition: '0' },
      },
    },
  ];
}
