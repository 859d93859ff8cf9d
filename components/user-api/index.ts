import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { serviceSettings, type ApiComponentProps } from '../shared/component.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { USER_API_CONTRACT } from '../contracts/images/user-api.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { userApiAlerts } from './alerts.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface UserApiProps extends ApiComponentProps {
  /** @default requests 500m CPU and 512Mi, limits 1 CPU and 768Mi */
  readonly resources?: ApiComponentProps['resources'];
}

/**
 * The public user API: takes advise, provenance and analysis requests and publishes them as Kafka
 * messages; reads the status and logs of the workflows that answer them.
 */
export class UserApi extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: UserApiProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'user-api', namespace, component: 'user-api' })
      .allowReadWorkflowPods(namespaceOf(env, 'backend'))
      .allowReadWorkflowPods(namespaceOf(env, 'middletier'))
      // An advise with a callback keeps it in the Secret callback-<id> of the backend namespace.
      .allowKeepSecrets(namespaceOf(env, 'backend'))
      // GET /python/environments lists the solvers of the infra namespace's ConfigMap.
      .allowReadConfigMaps(namespaceOf(env, 'infra'), ['solvers']);
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: 'user-api',
      role: 'api',
      image: thothImageOf(env, 'user-api', props),
      ...serviceSettings(props, { resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '768Mi' } } }),
      identity,
      metricsOnHttpPort: true,
      ports: [{ name: PORT_NAMES.http, containerPort: 8080, servicePort: 80 }],
      readinessProbe: httpProbe('/readiness', PORT_NAMES.http),
      livenessProbe: httpProbe('/liveness', PORT_NAMES.http, { initialDelaySeconds: 30 }),
      environment: thothEnv(env, USER_API_CONTRACT)
        .literal('PORT', '8080')
        .literal('APP_MODULE', 'thoth.user_api.openapi_server:app')
        .literal('WEB_CONCURRENCY', '2')
        .literal('THOTH_HOST', props.host ?? `user-api.${namespace}.svc`)
        .literal('THOTH_API_HTTPS', props.host === undefined ? '0' : '1')
        .literal('THOTH_API_REPORT_EXCEPTIONS', '1')
        .literal('THOTH_API_VALIDATE_RESPONSES', '0')
        .literal('THOTH_CACHE_EXPIRATION', '3600')
        .secret('THOTH_USER_API_TOKEN', 'thoth', 'user-api-token')
        .secret('THOTH_USER_API_APP_SECRET_KEY', 'thoth', 'app-secret-key')
        .namespaces()
        .ceph()
        .knowledgeGraph()
        .kafka()
        .pushgateway()
        .kubernetesApi()
        .common(),
    });
    new AlertRules(this, 'Alerts', { env, component: 'user-api', namespace: namespaceOf(env, 'infra'), alerts: userApiAlerts(env) });
  }
}
