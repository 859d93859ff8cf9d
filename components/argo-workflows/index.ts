import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { upstreamImage } from '../../src/platform/images.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { RESTRICTED_CONTAINER_SECURITY } from '../../src/platform/pod.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { WORKFLOW_CONTROLLER_CONTRACT } from '../contracts/images/workflow-controller.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothEnv } from '../shared/env.js';

export interface WorkflowControllerProps {
  readonly env: Environment;
  readonly namespace: string;
  /** Workflows the controller runs at once in this namespace (the reference: backend 10, middletier 50, amun-inspection 9). */
  readonly parallelism: number;
}

/**
 * A namespaced Argo Workflows controller (`--namespaced`), one per workflow namespace, with a Role
 * in its own namespace only (docs/quirks.md Q4). Workflows run as the
 * namespace's `argo-workflow` account by default, are deleted 15 minutes after they finish unless
 * their template says otherwise, and the executor's containers run restricted. The Workflow CRDs are
 * cluster-scoped and installed with Argo Workflows itself, not here.
 */
export class WorkflowController extends Construct {
  constructor(scope: Construct, id: string, props: WorkflowControllerProps) {
    super(scope, id);
    const { env, namespace } = props;
    const identity = new ProgramIdentity(this, 'Identity', {
      name: 'argo-workflow-controller',
      namespace,
      component: 'workflow-controller',
    }).allowControlWorkflows(namespace);
    const config = {
      namespace,
      parallelism: props.parallelism,
      workflowDefaults: { spec: { serviceAccountName: WORKFLOW_SERVICE_ACCOUNT, ttlStrategy: { secondsAfterCompletion: 900 } } },
      // Plain HTTP inside the cluster, like every other /metrics of the platform (3.7 defaults to HTTPS).
      metricsConfig: { enabled: true, path: '/metrics', port: 9090, secure: false },
      executor: {
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        securityContext: RESTRICTED_CONTAINER_SECURITY,
      },
    };
    const configMap = new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: 'workflow-controller-configmap', namespace, labels: objectLabels('workflow-controller', 'config') },
      data: { config: `${JSON.stringify(config, null, 2)}\n` },
    });
    const controller = new LongRunningService(this, 'Controller', {
      env,
      name: 'workflow-controller',
      namespace,
      role: 'workflow-controller',
      image: upstreamImage('quay.io/argoproj/workflow-controller', env.argoWorkflows.version),
      identity,
      runAsUser: 8737,
      args: ['--configmap', 'workflow-controller-configmap', '--executor-image', `quay.io/argoproj/argoexec:${env.argoWorkflows.version}`, '--namespaced'],
      ports: [{ name: PORT_NAMES.metrics, containerPort: 9090 }],
      readinessProbe: httpProbe('/healthz', 'healthz'),
      livenessProbe: httpProbe('/healthz', 'healthz', { initialDelaySeconds: 90, periodSeconds: 60 }),
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '4Gi' } },
      environment: thothEnv(env, WORKFLOW_CONTROLLER_CONTRACT).field('LEADER_ELECTION_IDENTITY', 'metadata.name'),
      extraContainerPorts: [{ name: 'healthz', containerPort: 6060 }],
    });
    controller.node.addDependency(configMap);
  }
}
