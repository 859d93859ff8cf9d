/**
 * The `namespaces` application: every tier namespace of the environment with its quota, limits,
 * NetworkPolicies and the shared configuration every tier gets. It syncs before every other
 * application, so that their namespaces and shared keys exist when they arrive.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { namespaceNames } from '../src/config/environment.js';
import type { Environment } from '../components/shared/environment.js';
import { ThothChart } from './chart.js';
import { ExternalSecret } from '../src/platform/external-secret.js';
import { objectLabels } from '../src/platform/metadata.js';
import { NamespaceNetworkPolicies } from './network-policies.js';
import { sharedConfigMaps, sharedSecretsFor } from './shared-config.js';
import { declaredNamespace } from '../src/platform/tier-namespace.js';
import { TIER_DESCRIPTIONS } from '../components/shared/tiers.js';

export const NAMESPACES_APPLICATION = 'namespaces';

export class NamespacesChart extends ThothChart {
  constructor(scope: Construct, env: Environment) {
    super(scope, { env, application: NAMESPACES_APPLICATION });
    const configMaps = sharedConfigMaps(env);
    for (const name of namespaceNames(env)) {
      const settings = env.namespaces[name]!;
      const scopeOfNamespace = new Construct(this, name);
      const namespace = declaredNamespace(scopeOfNamespace, 'Namespace', env, name, TIER_DESCRIPTIONS);
      const contents = new Construct(scopeOfNamespace, 'Contents');
      contents.node.addDependency(namespace.namespace);
      new NamespaceNetworkPolicies(contents, 'NetworkPolicies', { env, namespace: name });
      for (const configMap of configMaps) {
        new k8s.KubeConfigMap(contents, `ConfigMap-${configMap.name}`, {
          metadata: {
            name: configMap.name,
            namespace: name,
            labels: objectLabels('namespaces', 'shared-config'),
            annotations: { 'thoth-station.ninja/description': configMap.description },
          },
          data: { ...configMap.data },
        });
      }
      for (const secret of sharedSecretsFor(settings.tiers)) {
        new ExternalSecret(contents, `Secret-${secret.name}`, { env, name: secret.name, namespace: name, keys: secret.keys, owner: 'namespaces' });
      }
    }
  }
}
