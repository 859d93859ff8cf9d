/**
 * The identity of a program that talks to the Kubernetes API: its own ServiceAccount, and exactly
 * the permissions its construct grants through intent methods. Each grant is a Role and a
 * RoleBinding in the namespace it applies to; only reading the cluster's nodes, which belong to no
 * namespace, is a ClusterRole.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { objectLabels } from './metadata.js';

export interface ProgramIdentityProps {
  /** The ServiceAccount's name: the program's. */
  readonly name: string;
  readonly namespace: string;
  /** The component it belongs to (`app.kubernetes.io/name`). */
  readonly component: string;
  /**
   * Mount the account's token in every pod that runs as it. Workflow step accounts need it: Argo
   * never turns the mount on for a pod, and its executor reports results with the token.
   * @default false: the pod spec of the program that uses the token mounts it
   */
  readonly mountTokenInEveryPod?: boolean;
}

export class ProgramIdentity extends Construct {
  readonly serviceAccountName: string;
  private readonly props: ProgramIdentityProps;
  private readonly granted = new Set<string>();

  constructor(scope: Construct, id: string, props: ProgramIdentityProps) {
    super(scope, id);
    this.props = props;
    this.serviceAccountName = props.name;
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: props.name, namespace: props.namespace, labels: objectLabels(props.component, 'service-account') },
      automountServiceAccountToken: props.mountTokenInEveryPod ?? false,
    });
  }

  /** Submit Argo Workflows from WorkflowTemplates in `namespace`, and watch them (to count pending ones). */
  allowSubmitWorkflows(namespace: string): this {
    return this.grant('submit-workflows', namespace, [
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get', 'list'] },
    ]);
  }

  /** Read the named ConfigMaps in `namespace` (e.g. the solvers list). */
  allowReadConfigMaps(namespace: string, names: readonly string[]): this {
    return this.grant('read-configmaps', namespace, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [...names].sort(), verbs: ['get'] }]);
  }

  /** Read pods, their logs and the workflows of `namespace` (status and logs of a user's analysis). */
  allowReadWorkflowPods(namespace: string): this {
    return this.grant('read-workflow-pods', namespace, [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get', 'list', 'watch'] },
    ]);
  }

  /**
   * What a namespaced Argo workflow-controller needs in its own namespace: run workflow pods and
   * manage the workflow objects, their config and its leader-election lease.
   */
  allowControlWorkflows(namespace: string): this {
    return this.grant('control-workflows', namespace, [
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], verbs: ['create', 'update', 'delete', 'get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'get', 'delete'] },
      {
        apiGroups: ['argoproj.io'],
        resources: [
          'workflows',
          'workflows/finalizers',
          'workflowtasksets',
          'workflowtasksets/finalizers',
          'workflowtasksets/status',
          'workflowtaskresults',
          'workflowartifactgctasks',
          'workflowtemplates',
          'workflowtemplates/finalizers',
          'cronworkflows',
          'cronworkflows/finalizers',
        ],
        verbs: ['get', 'list', 'watch', 'update', 'patch', 'delete', 'create', 'deletecollection'],
      },
    ]);
  }

  /** What the Argo executor in a workflow step's pod needs: report the step's results (Argo >= 3.4). */
  allowRunWorkflowSteps(namespace: string): this {
    return this.grant('run-workflow-steps', namespace, [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }]);
  }

  /** Keep Secrets in `namespace`: read, create and update them (the user API's callback Secrets). */
  allowKeepSecrets(namespace: string): this {
    return this.grant('keep-secrets', namespace, [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'patch'] }]);
  }

  /** Delete Secrets in `namespace` (send-webhooks removes a callback's Secret once called). */
  allowDeleteSecrets(namespace: string): this {
    return this.grant('delete-secrets', namespace, [{ apiGroups: [''], resources: ['secrets'], verbs: ['delete'] }]);
  }

  /**
   * Publish HTTP routes in `namespace`: manage its Services, Ingresses and Traefik Middlewares (a
   * program that exposes what it deploys there, as Ryax's runner does its actions' endpoints).
   */
  allowPublishRoutes(namespace: string): this {
    const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
    return this.grant('publish-routes', namespace, [
      { apiGroups: [''], resources: ['services'], verbs },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs },
      { apiGroups: ['traefik.io'], resources: ['middlewares'], verbs },
    ]);
  }

  /**
   * Run workloads in `namespace`: manage its Deployments, Pods (and read their logs), Services and
   * Endpoints (a program that deploys what users build there, as Ryax's worker does their actions).
   */
  allowDeployWorkloads(namespace: string): this {
    const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
    return this.grant('deploy-workloads', namespace, [
      { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs },
    ]);
  }

  /**
   * Read the cluster's nodes (their labels, capacity and what is allocatable) and look namespaces up:
   * a ClusterRole, since neither belongs to a namespace. Named after the account and its namespace,
   * so two such programs in one cluster never share it.
   */
  allowReadNodes(): this {
    const name = `${this.props.name}-${this.props.namespace}-read-nodes`;
    if (this.granted.has(name)) return this;
    this.granted.add(name);
    const labels = objectLabels(this.props.component, 'rbac');
    const role = new k8s.KubeClusterRole(this, 'ClusterRole-read-nodes', {
      metadata: { name, labels },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding-read-nodes', {
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: this.props.name, namespace: this.props.namespace }],
    }).addDependency(role);
    return this;
  }

  private grant(purpose: string, namespace: string, rules: k8s.PolicyRule[]): this {
    const name = `${this.props.name}-${purpose}`;
    const key = `${namespace}/${name}`;
    if (this.granted.has(key)) return this;
    this.granted.add(key);
    const labels = objectLabels(this.props.component, 'rbac');
    const role = new k8s.KubeRole(this, `Role-${namespace}-${purpose}`, { metadata: { name, namespace, labels }, rules });
    const binding = new k8s.KubeRoleBinding(this, `RoleBinding-${namespace}-${purpose}`, {
      metadata: { name, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: this.props.name, namespace: this.props.namespace }],
    });
    binding.addDependency(role);
    return this;
  }
}
