import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ServiceComponentProps } from '../shared/component.js';
import { resolveResources } from '../../src/platform/pod.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { investigatorAlerts } from './alerts.js';
import { INVESTIGATOR_CONTRACT } from './job/contract.js';
import { investigatorStopBoundMs } from './job/settings.js';
import { migrationStep } from '../shared/migrations.js';
import { thothEnv } from '../shared/env.js';

export interface InvestigatorProps extends ServiceComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its image is the investigator program's. */
  readonly images: JobImageTags;
  /**
   * The pods each consumer Deployment runs.
   * @default 1
   */
  readonly replicas?: number;
  /** @default each consumer requests 250m CPU and 512Mi, limits 500m CPU and 1Gi */
  readonly resources?: ServiceComponentProps['resources'];
  /**
   * Workflows pending in a namespace above which a consumer pauses.
   * @default 900
   */
  readonly pendingWorkflowLimit?: number;
}

/** The namespaces whose workflows each consumer schedules; one Deployment per mode. */
const CONSUMER_MODES = ['backend', 'middletier'] as const;

/**
 * The investigator (./job): Kafka consumers that turn messages into Argo Workflows and knowledge-graph
 * updates. One Deployment per mode (backend, middletier), each in a consumer group of its own, so a
 * message type both handle (hash-mismatch) reaches both (docs/quirks.md Q21). They share one
 * ServiceAccount that may submit and list Workflows in backend and middletier and nothing else.
 * Offsets are committed by the program after the effect; /_health tells readiness (the group
 * joined), /metrics liveness.
 */
export class Investigator extends Construct {
  readonly identity: ProgramIdentity;

  constructor(scope: Construct, id: string, props: InvestigatorProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const resources = resolveResources({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } }, props.resources);
    this.identity = new ProgramIdentity(this, 'Identity', { name: 'investigator', namespace, component: 'investigator' });
    for (const mode of CONSUMER_MODES) this.identity.allowSubmitWorkflows(namespaceOf(env, mode));
    // What the consumers' stop depends on, rendered into their environment and their grace period.
    const stopSettings = { KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: '300000' };
    for (const mode of CONSUMER_MODES) {
      new LongRunningService(this, `Consumer-${mode}`, {
        env,
        name: `investigator-consumer-${mode}`,
        namespace,
        role: 'consumer',
        image: jobImage(env, props.images, 'investigator', props),
        beforeStart: [migrationStep(env, INVESTIGATOR_CONTRACT)],
        replicas: props.replicas,
        variables: props.variables,
        identity: this.identity,
        ports: [{ name: PORT_NAMES.metrics, containerPort: 6066 }],
        readinessProbe: httpProbe('/_health', PORT_NAMES.metrics),
        livenessProbe: httpProbe('/metrics', PORT_NAMES.metrics, { initialDelaySeconds: 30 }),
        resources,
        stopBoundMs: investigatorStopBoundMs(stopSettings),
        environment: thothEnv(env, INVESTIGATOR_CONTRACT)
          .literal('THOTH_CONSUMER_MODE', `["${mode}"]`)
          .literal('KAFKA_CONSUMER_GROUP_ID', `thoth.investigator.${mode}`)
          .literal('KAFKA_CONSUMER_AUTO_OFFSET_RESET', 'earliest')
          .literal('KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS', stopSettings.KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS)
          .literal('ARGO_PENDING_WORKFLOW_LIMIT', String(props.pendingWorkflowLimit ?? 900))
          .configMap('THOTH_INVESTIGATOR_SOLVERS', 'solvers', 'solvers')
          .kafka()
          .knowledgeGraph()
          .namespaces()
          .kubernetesApi()
          .common(),
      });
    }
    new AlertRules(this, 'Alerts', { env, component: 'investigator', namespace, alerts: investigatorAlerts(env) });
  }
}
