/**
 * The Ryax worker of one site (the ryax-worker chart, RyaxTech/ryax-engine@9dc81bf:charts/worker), a
 * site's own environment's or an engine's whose own cluster is a site too (components/ryax/shared/site.ts):
 * it registers the site with the engine, deploys the users' actions into the executions namespace on
 * the nodes of the site's pools, moves their inputs and outputs between the engine's filestore and
 * them, and reports their runs. A Deployment `ryax-worker` (Recreate: two agents of one site must never
 * run at once) with its Service `ryax-worker` (api 8880, metrics 8090), an init container that
 * migrates its database first, the site configuration file, and its permissions.
 *
 * Differences from the chart, each for a reason: the pod runs as 1200, not root (values hpcOffloading
 * is for SLURM_SSH sites only); its permissions are a Role in the executions namespace and reading
 * nodes, not every verb on every namespace's pods, services and nodes cluster-wide; the actions' logs
 * come from the logs stack (Loki, and Alloy where the chart had promtail) where the environment installs it;
 * intelliscale is not installed (docs/quirks.md Q67), so RYAX_INTELLISCALE_ENABLED is off.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ServiceComponentProps } from '../../../src/config/service-catalogue.js';
import { namespaceOf } from '../../../src/config/environment.js';
import { ProgramIdentity } from '../../../src/platform/identity.js';
import { registryImage } from '../../../src/platform/images.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import { resolveResources } from '../../../src/platform/pod.js';
import { httpProbe, LongRunningService } from '../../../src/platform/web-service.js';
import { waiverAnnotation } from '../../../src/validate/waivers.js';
import { RYAX_TAG } from '../contracts/chart.js';
import { RYAX_WORKER_CONTRACT } from '../contracts/worker.js';
import { REGISTRY_CREDENTIALS_SECRET } from '../registry/names.js';
import { ryaxEnv } from '../shared/env.js';
import { priorityClassName } from '../shared/priority.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import { RYAX_USER } from '../shared/service.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import type { SiteEnvironment } from './environment.js';
import { WORKER_DATABASE_KEY } from './secrets.js';
import { siteConfig } from './site-config.js';
import { installs } from '../shared/stacks.js';
import { lokiAddress } from '../stacks/loki.js';

/** The chart's names for a release named `ryax-worker` (templates/_helpers.tpl#L13-L24, services.yaml#L1-L12). */
export const WORKER_NAME = 'ryax-worker';
/** Its API, where the actions it deploys report their runs (docs/docs/reference/architecture.md#L165-L199). */
export const WORKER_API_PORT = 8880;
const CONFIG_MAP = `${WORKER_NAME}-config`;
/** The chart's intelliscale Service, `<release>-intelliscale`, and its gRPC port (values intelliscale.server_host and server_port unset). */
const INTELLISCALE_SERVICE = `${WORKER_NAME}-intelliscale`;
const INTELLISCALE_PORT = 8326;
/** values actionLogsQueryRate (charts/worker/values.yaml#L55). */
const LOKI_QUERY_INTERVAL_SECONDS = 5;
const CONFIG_DIR = '/data/config';
/** The image's home for a KUBERNETES site (templates/deployments.yaml#L1-L4): the registry's credentials go in its .docker. */
const HOME = '/home/ryax';

/** An environment a worker runs in: a site's, or an engine's whose own cluster is a site too. */
export type WorkerEnvironment = SiteEnvironment | RyaxEnvironment;
export type WorkerProps = ServiceComponentProps<WorkerEnvironment>;

export class Worker extends Construct {
  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const { env, namespace } = props;
    if ((props.replicas ?? 1) > 1) {
      throw new Error(`Worker: replicas is ${props.replicas}, but a site has one worker (two would both register it); use 1`);
    }
    if (env.site === undefined) throw new Error(`Worker: environment ${env.name} declares no site; its rules refuse the worker without one`);
    const executions = namespaceOf<string>(env, 'executions');
    const config = new k8s.KubeConfigMap(this, 'SiteConfig', {
      metadata: { name: CONFIG_MAP, namespace, labels: objectLabels(WORKER_NAME, 'config') },
      data: { 'config.yaml': siteConfig(env.site, executions) },
    });
    const identity = new ProgramIdentity(this, 'Identity', { name: WORKER_NAME, namespace, component: WORKER_NAME })
      .allowDeployWorkloads(executions)
      .allowPublishRoutes(executions)
      .allowReadNodes();
    const database = RYAX_SECRETS.datastore.name;
    // The migration is the same program's: it is given what the service is, the site configuration
    // RYAX_CONFIG names included (the chart gives it its database and log level only,
    // templates/deployments.yaml#L81-L107; its contract does not say the rest is not read).
    const environment = ryaxEnv(env, RYAX_WORKER_CONTRACT)
      .logLevel()
      .secret('RYAX_WORKER_DATABASE_URL', database, WORKER_DATABASE_KEY)
      .literal('RYAX_ACTIONS_PULL_SECRET', REGISTRY_CREDENTIALS_SECRET)
      .broker()
      .filestore()
      .tracing()
      // Off, with the service's address as the chart always renders it (deployments.yaml#L205-L210): docs/quirks.md Q67.
      .literal('RYAX_INTELLISCALE_ENABLED', '')
      .literal('RYAX_INTELLISCALE_SVC_HOST', INTELLISCALE_SERVICE)
      .literal('RYAX_INTELLISCALE_SVC_PORT', String(INTELLISCALE_PORT))
      .literal('RYAX_CONFIG', `${CONFIG_DIR}/config.yaml`);
    // The actions' logs, from Loki where the environment installs the logs stack, queried as often as the chart does.
    if (installs(env, 'logs')) {
      environment.literal('RYAX_LOKI_API_URL', lokiAddress(env)).literal('RYAX_LOKI_QUERY_INTERVAL_IN_SECONDS', String(LOKI_QUERY_INTERVAL_SECONDS));
    }
    const siteConfigMount = { name: 'site-config', mountPath: CONFIG_DIR, readOnly: true };
    const service = new LongRunningService(this, 'Service', {
      env,
      name: WORKER_NAME,
      namespace,
      role: 'agent',
      image: registryImage(env, 'worker', RYAX_TAG, props),
      environment,
      variables: props.variables,
      resources: resolveResources({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } }, props.resources),
      ports: [
        { name: 'api', containerPort: WORKER_API_PORT },
        { name: PORT_NAMES.metrics, containerPort: 8090 },
      ],
      // The chart's: readiness every 20 s, liveness every 30 s after 10 s, on the API's /healthz.
      readinessProbe: httpProbe('/healthz', 'api', { initialDelaySeconds: 5, periodSeconds: 20 }),
      livenessProbe: httpProbe('/healthz', 'api', { initialDelaySeconds: 10, periodSeconds: 30 }),
      beforeStart: [{ name: 'database-migration', command: ['ryax-worker-update-db'], args: [], environment, volumeMounts: [siteConfigMount] }],
      // RYAX_ACTIONS_PULL_SECRET names a Secret; it holds none.
      annotations: waiverAnnotation('policy/plaintext-credential', 'RYAX_ACTIONS_PULL_SECRET is the name of the pull Secret, not a credential'),
      identity,
      runAsUser: RYAX_USER,
      priorityClassName: priorityClassName(env, 'microservices'),
      recreate: true,
      writablePaths: ['/var/tmp', '/data/db', HOME],
      volumes: [
        { name: 'site-config', configMap: { name: CONFIG_MAP } },
        { name: 'registry-credentials', secret: { secretName: REGISTRY_CREDENTIALS_SECRET, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } },
      ],
      volumeMounts: [siteConfigMount, { name: 'registry-credentials', mountPath: `${HOME}/.docker`, readOnly: true }],
    });
    service.deployment.addDependency(config);
  }
}
