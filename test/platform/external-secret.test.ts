/**
 * ExternalSecret (src/platform/external-secret.ts): a Secret that exists in the cluster and never in
 * git, copied from the environment's secret store. What its readers rely on: the Secret's name and
 * exactly its keys; what the store relies on: the path and properties it is asked for.
 */
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { DEMO_ENVIRONMENT, NAMESPACE, only, renderBlock } from './library.js';

const render = (props: { remoteName?: string; type?: string; keys?: readonly string[] } = {}) =>
  only(
    renderBlock((chart) => {
      new ExternalSecret(chart, 'Secret', {
        env: DEMO_ENVIRONMENT,
        name: 'worker',
        namespace: NAMESPACE,
        keys: ['token', 'password'],
        owner: 'worker',
        ...props,
      });
    }),
    'ExternalSecret',
    'worker',
  );

test('defaults: the remote secret is <keyPrefix>/<name>, one property per key (sorted), Opaque, the store and refresh of the environment', () => {
  const secret = render();
  expect(secret.metadata).toMatchObject({ namespace: NAMESPACE, labels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/component': 'secret' } });
  expect(secret.spec).toEqual({
    refreshInterval: '1h',
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
    target: { name: 'worker', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: [
      { secretKey: 'password', remoteRef: { key: 'demo/dev/worker', property: 'password' } },
      { secretKey: 'token', remoteRef: { key: 'demo/dev/worker', property: 'token' } },
    ],
  });
});

test('a remote name and a Secret type, given, are what render', () => {
  const secret = render({ remoteName: 'shared/registry', type: 'kubernetes.io/dockerconfigjson', keys: ['.dockerconfigjson'] });
  expect(secret.spec.target.template).toEqual({ type: 'kubernetes.io/dockerconfigjson' });
  expect(secret.spec.data).toEqual([{ secretKey: '.dockerconfigjson', remoteRef: { key: 'demo/dev/shared/registry', property: '.dockerconfigjson' } }]);
});

test('no keys is a construct error that says what to do, not an empty Secret', () => {
  expect(() => render({ keys: [] })).toThrow('ExternalSecret worker: keys is empty; list at least one key the Secret must hold');
});
