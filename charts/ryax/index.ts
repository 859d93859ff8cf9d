/**
 * The applications of a Ryax environment, in the order Argo CD syncs them: the namespaces with the
 * Secrets the services share (and, with Let's Encrypt, the ClusterIssuer), then the services. Each
 * renders into `generated/<env>/<name>/` and becomes one Argo CD Application.
 */
import type { App } from 'cdk8s';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { namespaceNames, namespaceOf } from '../../src/config/environment.js';
import { PlatformChart } from '../../src/platform/chart.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { declaredNamespace } from '../../src/platform/tier-namespace.js';
import type { BuiltApplication, ChartApplication } from '../../src/synth/platform.js';
import { RyaxNetworkPolicies } from './network-policies.js';
import { buildRyaxComponents } from '../../components/ryax/catalogue.js';
import { BROKER_NAME } from '../../components/ryax/broker/index.js';
import { ryaxAlerts } from '../../components/ryax/monitoring/alerts.js';
import { ryaxDashboards } from '../../components/ryax/monitoring/dashboards/index.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { serviceMonitor } from '../../src/platform/service-monitor.js';
import { DatastoreDatabases } from '../../components/ryax/datastore/databases.js';
import { FilestoreBucket } from '../../components/ryax/filestore/bucket.js';
import { filestoreServiceMonitor } from '../../components/ryax/filestore/monitoring.js';
import { isEnabled } from '../../src/config/enabled.js';
import { overridesOf } from '../../src/config/components.js';
import { letsEncryptIssuer, RYAX_TIER_DESCRIPTIONS, type RyaxEnvironment } from '../../components/ryax/shared/environment.js';
import { HOST_CERTIFICATE_SECRET } from '../../components/ryax/shared/routes.js';
import { sharedSecrets } from '../../components/ryax/shared/secrets.js';
import { RyaxPriorityClasses } from '../../components/ryax/shared/priority.js';
import { installs } from '../../components/ryax/shared/stacks.js';
import { GRAFANA_ADMIN_SECRET } from '../../components/ryax/stacks/kube-prometheus-stack.js';
import { StackNamespace, stackNamespaces } from './stacks.js';

/** A chart of the Ryax platform: one Argo CD Application of a Ryax environment. */
class RyaxChart extends PlatformChart<RyaxEnvironment> {}

/**
 * Every namespace with its quota and limits, the shared Secrets where the services run, the
 * PriorityClasses and the ClusterIssuer; the namespaces of the stacks the environment installs, with
 * Grafana's admin Secret where kube-prometheus-stack runs.
 */
class NamespacesChart extends RyaxChart {
  /** `charts`: the stacks the environment installs. */
  constructor(scope: Construct, env: RyaxEnvironment, charts: readonly ChartApplication[]) {
    super(scope, { env, application: 'namespaces' });
    const services = namespaceOf(env, 'services');
    for (const name of namespaceNames(env)) {
      const namespace = declaredNamespace(this, name, env, name, RYAX_TIER_DESCRIPTIONS);
      const contents = new Construct(this, `${name}-Contents`);
      contents.node.addDependency(namespace.namespace);
      new RyaxNetworkPolicies(contents, 'NetworkPolicies', env, name);
      if (name !== services) continue;
      for (const secret of sharedSecrets(env)) {
        const derived = secret.derived?.(name);
        new ExternalSecret(contents, secret.name, {
          env,
          name: secret.name,
          namespace: name,
          keys: secret.keys,
          owner: 'namespaces',
          ...(derived === undefined ? {} : { derived }),
        });
      }
    }
    new RyaxPriorityClasses(this, 'PriorityClasses', env);
    for (const name of stackNamespaces(charts)) {
      const stack = new StackNamespace(this, `Stack-${name}`, env, name, charts);
      if (name !== env.network.monitoringNamespace || !installs(env, 'kube-prometheus-stack')) continue;
      new ExternalSecret(this, GRAFANA_ADMIN_SECRET.name, {
        env,
        name: GRAFANA_ADMIN_SECRET.name,
        namespace: name,
        keys: GRAFANA_ADMIN_SECRET.keys,
        owner: 'namespaces',
      }).node.addDependency(stack.namespace);
    }
    const issuer = letsEncryptIssuer(env);
    if (issuer !== undefined) {
      new ApiObject(this, 'ClusterIssuer', {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: issuer.name, labels: objectLabels('namespaces', 'certificate-issuer') },
        spec: {
          acme: {
            server: issuer.server,
            email: env.letsEncrypt!.email,
            privateKeySecretRef: { name: `ryax-issuer-account-key-${env.letsEncrypt!.server}` },
            solvers: [{ http01: { ingress: { ingressClassName: env.network.ingressClassName } } }],
          },
        },
      });
    }
  }
}

/** What the services share: the datastore. */
class BackboneChart extends RyaxChart {
  constructor(scope: Construct, env: RyaxEnvironment) {
    super(scope, { env, application: 'backbone' });
    buildRyaxComponents(this, env, 'backbone');
  }
}

/** The micro-services, their databases and the filestore's bucket made sure of first, and the host's certificate their routes serve. */
class ServicesChart extends RyaxChart {
  constructor(scope: Construct, env: RyaxEnvironment) {
    super(scope, { env, application: 'services' });
    const namespace = namespaceOf(env, 'services');
    const issuer = env.network.tlsClusterIssuer;
    if (issuer !== undefined) {
      new ApiObject(this, 'Certificate', {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: HOST_CERTIFICATE_SECRET, namespace, labels: objectLabels('services', 'certificate') },
        spec: { secretName: HOST_CERTIFICATE_SECRET, dnsNames: [env.host], issuerRef: { kind: 'ClusterIssuer', name: issuer } },
      });
    }
    if (isEnabled(env, 'datastore'))
      new DatastoreDatabases(this, 'DatastoreDatabases', { env, namespace, ...overridesOf<'service'>(env.components.datastore) });
    if (isEnabled(env, 'filestore')) new FilestoreBucket(this, 'FilestoreBucket', { env, namespace, ...overridesOf<'service'>(env.components.filestore) });
    buildRyaxComponents(this, env, 'services');
  }
}

/** What watches the rest: a ServiceMonitor per namespace, the broker's, the chart's alert rules and its dashboards. */
class MonitoringChart extends RyaxChart {
  constructor(scope: Construct, env: RyaxEnvironment) {
    super(scope, { env, application: 'monitoring' });
    for (const namespace of namespaceNames(env)) serviceMonitor(this, `ServiceMonitor-${namespace}`, { env, name: env.platform, namespace });
    if (isEnabled(env, 'broker')) {
      // The Cluster Operator's Service, labelled with the cluster's name; its metrics port is `prometheus`.
      serviceMonitor(this, 'ServiceMonitor-broker', {
        env,
        name: BROKER_NAME,
        namespace: namespaceOf(env, 'backbone'),
        selector: { 'app.kubernetes.io/name': BROKER_NAME },
        port: 'prometheus',
      });
    }
    // MinIO serves its metrics under its own paths on the S3 port, not at /metrics.
    if (isEnabled(env, 'filestore')) filestoreServiceMonitor(this, 'ServiceMonitor-filestore', env, namespaceOf(env, 'backbone'));
    new AlertRules(this, 'Alerts', { env, component: 'services', namespace: namespaceOf(env, 'services'), alerts: ryaxAlerts(env) });
    ryaxDashboards(this, env);
  }
}

export function buildRyaxApplications(app: App, env: RyaxEnvironment, charts: readonly ChartApplication[]): BuiltApplication[] {
  return [
    { name: 'namespaces', wave: -3, namespace: namespaceOf(env, 'services'), chart: new NamespacesChart(app, env, charts) },
    { name: 'backbone', wave: 0, namespace: namespaceOf(env, 'backbone'), chart: new BackboneChart(app, env) },
    { name: 'services', wave: 1, namespace: namespaceOf(env, 'services'), chart: new ServicesChart(app, env) },
    { name: 'monitoring', wave: 2, namespace: namespaceOf(env, 'services'), chart: new MonitoringChart(app, env) },
  ];
}
