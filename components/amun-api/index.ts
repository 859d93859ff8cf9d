import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { serviceSettings, type ApiComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { AMUN_API_CONTRACT } from '../contracts/images/amun-api.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { AMUN_API_SERVICE } from '../shared/services.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface AmunApiProps extends ApiComponentProps {
  /** @default requests 200m CPU and 384Mi, limits 500m CPU and 512Mi */
  readonly resources?: ApiComponentProps['resources'];
}

/**
 * amun-api: accepts inspection requests and submits inspection workflows into amun-inspection, so it
 * may submit and read Workflows (and their pods' logs) there. Its secret key comes from the `amun`
 * Secret.
 */
/**
 * amun-api v0.10.6 starts an inspection only by processing an OpenShift Template: POST /inspect
 * fails on Kubernetes, its status and log reads work (docs/quirks.md Q13).
 */
const OPENSHIFT_SCHEDULING = waiverAnnotation(
  'contract/api-group',
  'amun-api v0.10.6 schedules inspections through OpenShift Templates, which Kubernetes does not serve: POST /inspect answers 500 here until amun-api submits the amun-inspection-workflow WorkflowTemplate; its read endpoints work',
);

export class AmunApi extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: AmunApiProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const inspection = namespaceOf(env, 'amun-inspection');
    const identity = new ProgramIdentity(this, 'Identity', { name: 'amun-api', namespace, component: 'amun-api' })
      .allowSubmitWorkflows(inspection)
      .allowReadWorkflowPods(inspection);
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'amun', namespace, keys: ['app-secret-key'], owner: 'amun-api' });
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: AMUN_API_SERVICE.name,
      role: 'api',
      image: thothImageOf(env, 'amun-api', props),
      ...serviceSettings(props, { resources: { requests: { cpu: '200m', memory: '384Mi' }, limits: { cpu: '500m', memory: '512Mi' } } }),
      identity,
      annotations: OPENSHIFT_SCHEDULING,
      metricsOnHttpPort: true,
      ports: [{ name: PORT_NAMES.http, containerPort: 8080, servicePort: AMUN_API_SERVICE.port }],
      readinessProbe: httpProbe('/readiness', PORT_NAMES.http),
      livenessProbe: httpProbe('/liveness', PORT_NAMES.http, { initialDelaySeconds: 30 }),
      environment: thothEnv(env, AMUN_API_CONTRACT)
        .literal('PORT', '8080')
        .literal('APP_MODULE', 'amun.entrypoint:app')
        .literal('WEB_CONCURRENCY', '2')
        .literal('AMUN_DEBUG', '0')
        .configMap('THOTH_AMUN_API_URL', 'thoth', 'amun-api-url')
        .configMap('THOTH_AMUN_INSPECTION_NAMESPACE', 'thoth', 'amun-inspection-namespace')
        .configMap('THOTH_AMUN_INFRA_NAMESPACE', 'thoth', 'infra-namespace')
        .secret('AMUN_API_APP_SECRET_KEY', secret.secretName, 'app-secret-key')
        .kubernetesApi()
        .ceph()
        .pushgateway()
        .common(),
    });
    this.service.node.addDependency(secret);
  }
}
