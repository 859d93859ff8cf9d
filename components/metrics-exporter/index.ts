import { Construct } from 'constructs';
import { serviceSettings, type ServiceComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { METRICS_EXPORTER_CONTRACT } from '../contracts/images/metrics-exporter.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { metricsExporterAlerts } from './alerts.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface MetricsExporterProps extends ServiceComponentProps {
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 1Gi */
  readonly resources?: ServiceComponentProps['resources'];
}

/**
 * metrics-exporter: exports platform metrics (knowledge-graph content, component versions, Kafka,
 * S3 and database connectivity) on /metrics. Of the API it reads only the `solvers` ConfigMap of the
 * infra namespace; GitHub with the token in the `metrics-exporter` Secret. /metrics answers as soon as
 * it runs (weak readiness): otherwise it answers 503 until each of its 50 jobs has succeeded once, and
 * one job that keeps failing would keep the pod unready and the liveness probe restarting it.
 */
export class MetricsExporter extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: MetricsExporterProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'metrics-exporter', namespace, component: 'metrics-exporter' }).allowReadConfigMaps(
      namespace,
      ['solvers'],
    );
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'metrics-exporter', namespace, keys: ['github-oauth-token'], owner: 'metrics-exporter' });
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: 'metrics-exporter',
      role: 'exporter',
      image: thothImageOf(env, 'metrics-exporter', props),
      ...serviceSettings(props, { resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } }),
      identity,
      ports: [{ name: PORT_NAMES.metrics, containerPort: 8080 }],
      readinessProbe: httpProbe('/metrics', PORT_NAMES.metrics, { periodSeconds: 30 }),
      livenessProbe: httpProbe('/metrics', PORT_NAMES.metrics, { initialDelaySeconds: 60, periodSeconds: 30 }),
      environment: thothEnv(env, METRICS_EXPORTER_CONTRACT)
        .literal('THOTH_METRICS_EXPORTER_UPDATE_INTERVAL', '300')
        .literal('THOTH_METRICS_EXPORTER_MAX_WORKERS', '4')
        .literal('THOTH_METRICS_EXPORTER_WEAK_READINESS', '1')
        // The `field` label its solver and security jobs read their own earlier values back by.
        .literal('METRICS_EXPORTER_INFRA_PROMETHEUS_INSTANCE', 'metrics-exporter')
        .literal('WEB_CONCURRENCY', '1')
        .secret('GITHUB_ACCESS_TOKEN', secret.secretName, 'github-oauth-token')
        .configMap('PROMETHEUS_HOST_URL', 'prometheus', 'host-url')
        .secret('PROMETHEUS_SERVICE_ACCOUNT_TOKEN', 'prometheus-reader', 'token')
        .namespaces()
        .ceph()
        .knowledgeGraph()
        .kafka()
        .kubernetesApi()
        .common(),
    });
    this.service.node.addDependency(secret);
    new AlertRules(this, 'Alerts', { env, component: 'metrics-exporter', namespace, alerts: metricsExporterAlerts(env) });
  }
}
