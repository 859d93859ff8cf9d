/**
 * runner: the workflow execution engine. It schedules executions, deploys and undeploys actions
 * through the workers, and publishes each deployed workflow's endpoints in the executions namespace:
 * there only (the chart's ClusterRole let it do so in every namespace), through its own account. Its
 * database is migrated before it starts: the chart migrates it only in a pre-upgrade hook, which a
 * first install never runs (docs/quirks.md Q64).
 */
import { Construct } from 'constructs';
import { namespaceOf } from '../../../src/config/environment.js';
import { ProgramIdentity } from '../../../src/platform/identity.js';
import { RYAX_RUNNER_CONTRACT } from '../contracts/runner.js';
import { ryaxEnv } from '../shared/env.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { nodeRegistryAddress } from '../registry/names.js';
import { RyaxService, type RyaxServiceProps } from '../shared/service.js';

export class Runner extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env, namespace } = props;
    const name = RYAX_SERVICE_NAMES.runner;
    const executions = namespaceOf(env, 'executions');
    const identity = new ProgramIdentity(this, 'Identity', { name, namespace, component: name }).allowPublishRoutes(executions);
    // The migration is the same program's: it is given what the service is.
    const environment = ryaxEnv(env, RYAX_RUNNER_CONTRACT)
      .logLevel()
      .tracing()
      .literal('RYAX_INTERNAL_REGISTRY', nodeRegistryAddress(env))
      .jwt()
      .broker()
      .datastore('runner')
      .filestore()
      .secret('RYAX_ENCRYPTION_KEY', RYAX_SECRETS.runnerEncryption.name, 'encryption-key')
      .authorization()
      .literal('RYAX_RUNNER_API_BASE_URL', '/runner')
      .literal('RYAX_USER_NAMESPACE', executions)
      .literal('RYAX_DEFAULT_ACTION_LOG_LEVEL', 'info')
      .literal('RYAX_UNDEPLOY_IDLE_ACTIONS_AFTER_SECONDS', '30');
    new RyaxService(this, 'Service', props, {
      name,
      repository: 'runner',
      environment,
      ports: [
        { name: 'http', containerPort: 8080 },
        { name: 'user-api', containerPort: 10080 },
        { name: 'metrics', containerPort: 8090 },
      ],
      healthPath: '/healthz',
      routes: [
        { path: '/runner', match: 'Prefix', stripPrefix: true, port: 8080 },
        { path: '/api/runner', match: 'Prefix', stripPrefix: true, port: 8080 },
        { path: '/user-api', match: 'Prefix', stripPrefix: false, port: 10080 },
      ],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
      identity,
      writablePaths: ['/var/tmp'],
      beforeStart: [{ name: 'update-db', command: ['ryax-runner-update-db'], args: [], environment }],
    });
  }
}
