import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { serviceSettings, type ApiComponentProps } from '../shared/component.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { MANAGEMENT_API_CONTRACT } from '../contracts/images/management-api.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface ManagementApiProps extends ApiComponentProps {
  /** @default requests 1 CPU and 768Mi, limits 1500m CPU and 1Gi */
  readonly resources?: ApiComponentProps['resources'];
}

/**
 * The management API: administrators register solvers and indexes and schedule solver and
 * inspection workflows directly, so it may submit workflows in middletier and read Amun's.
 */
/**
 * management-api v0.18.11 schedules its jobs through OpenShift Templates and reads CronJobs through
 * batch/v1beta1: those endpoints fail on Kubernetes; its reads (status, logs, the graph) work. The
 * platform's schedulers here are the investigator and the CronJobs (docs/quirks.md Q37).
 */
const OPENSHIFT_SCHEDULING = {
  ...waiverAnnotation(
    'contract/api-group',
    "management-api's scheduling endpoints need OpenShift Templates (and batch/v1beta1 for graph refresh), which Kubernetes does not serve; they answer 500 here, its read endpoints work, and the investigator and the CronJobs schedule the platform's work",
  ),
  ...waiverAnnotation(
    'contract/rbac',
    'its batch calls serve POST /graph/refresh, which reads the CronJob through batch/v1beta1 first and fails there on Kubernetes >= 1.25, so it is granted no batch access',
  ),
};

export class ManagementApi extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: ManagementApiProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'management-api', namespace, component: 'management-api' })
      .allowSubmitWorkflows(namespaceOf(env, 'middletier'))
      .allowReadWorkflowPods(namespaceOf(env, 'middletier'))
      .allowReadWorkflowPods(namespaceOf(env, 'amun-inspection'))
      // GET /solvers lists the solvers of the infra namespace's ConfigMap.
      .allowReadConfigMaps(namespaceOf(env, 'infra'), ['solvers']);
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: 'management-api',
      role: 'api',
      image: thothImageOf(env, 'management-api', props),
      ...serviceSettings(props, { resources: { requests: { cpu: '1', memory: '768Mi' }, limits: { cpu: '1500m', memory: '1Gi' } } }),
      identity,
      annotations: OPENSHIFT_SCHEDULING,
      metricsOnHttpPort: true,
      ports: [{ name: PORT_NAMES.http, containerPort: 8080, servicePort: 80 }],
      readinessProbe: httpProbe('/readiness', PORT_NAMES.http),
      livenessProbe: httpProbe('/liveness', PORT_NAMES.http, { initialDelaySeconds: 30 }),
      environment: thothEnv(env, MANAGEMENT_API_CONTRACT)
        .literal('PORT', '8080')
        .literal('APP_MODULE', 'thoth.management_api.openapi_server:app')
        .literal('WEB_CONCURRENCY', '2')
        .literal('THOTH_MANAGEMENT_API_RUN_MIGRATIONS', '0')
        .literal('THOTH_API_VALIDATE_RESPONSES', '0')
        .literal('THOTH_API_HTTPS', props.host === undefined ? '0' : '1')
        .configMap('AMUN_API_URL', 'thoth', 'amun-api-url')
        .secret('THOTH_MANAGEMENT_API_TOKEN', 'thoth', 'management-api-token')
        .secret('THOTH_APP_SECRET_KEY', 'thoth', 'app-secret-key')
        .namespaces()
        .ceph()
        .knowledgeGraph()
        .pushgateway()
        .kubernetesApi()
        .common(),
    });
  }
}
