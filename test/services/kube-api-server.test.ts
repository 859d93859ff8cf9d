import {
  ApiException,
  ApisApi,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import {
  APPLICATION_HEALTH_KEY,
  APPLICATION_HEALTH_LUA,
  ArgoCdController,
  type ArgoCdControllerOptions,
  installArgoCd,
  STALE_REVISION,
  TRACKING_ANNOTATION,
} from './argocd-controller.js';
import { DEFAULT_RESOURCES, KubeApiServer, type KubeApiServerOptions, type KubeObject } from './kube-api-server.js';

let server: KubeApiServer;
let api: KubernetesObjectApi;

async function startServer(options: KubeApiServerOptions = {}): Promise<void> {
  server = new KubeApiServer(options);
  await server.start();
  api = KubernetesObjectApi.makeApiClient(server.kubeConfig());
}

afterEach(async () => {
  await server?.stop();
});

/** What the API answered a failed call with: client-node's ApiException carries the Status as text. */
async function refusal(call: Promise<unknown>): Promise<{ code: number; status: Record<string, any> }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    return { code: error.code, status: typeof error.body === 'string' ? JSON.parse(error.body) : error.body };
  }
  throw new Error('the call succeeded');
}

/** A raw request, for what client-node does not send (YAML bodies, the status subresource, no token). */
async function raw(
  method: string,
  path: string,
  options: { body?: string; contentType?: string; token?: string | null } = {},
): Promise<{ code: number; body: any }> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? server.token}`;
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const response = await fetch(server.url + path, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  const text = await response.text();
  return { code: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/** Server-side apply through client-node, as a deploy does it. */
const apply = <T extends object>(object: T, manager: string, options: { force?: boolean; dryRun?: boolean } = {}): Promise<T & KubernetesObject> =>
  api.patch(
    structuredClone(object) as unknown as KubernetesObject,
    undefined,
    options.dryRun === true ? 'All' : undefined,
    manager,
    options.force,
    PatchStrategy.ServerSideApply,
  ) as Promise<T & KubernetesObject>;

type ConfigMap = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  data?: Record<string, string>;
};

const configMap = (name: string, data: Record<string, string>, namespace = 'default', labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, ...(labels === undefined ? {} : { labels }) },
  data,
});

const managers = (object: KubernetesObject) =>
  (object.metadata?.managedFields ?? []).map((m) => ({ manager: m.manager, operation: m.operation, fieldsV1: m.fieldsV1 }));

describe('KubeApiServer', () => {
  test('discovery lists the served kinds as the real server does; kinds can be added and removed; /version answers the configured gitVersion', async () => {
    await startServer({ gitVersion: 'v1.29.7' });
    const config = server.kubeConfig();
    const version = await config.makeApiClient(VersionApi).getCode();
    expect({ major: version.major, minor: version.minor, gitVersion: version.gitVersion }).toEqual({ major: '1', minor: '29', gitVersion: 'v1.29.7' });
    // The kubeconfig file a program reads from KUBECONFIG reaches the same server with the same token.
    const fromFile = new KubeConfig();
    fromFile.loadFromString(server.kubeConfigYaml({ namespace: 'argocd' }));
    expect(fromFile.getContextObject(fromFile.getCurrentContext())?.namespace).toBe('argocd');
    expect((await fromFile.makeApiClient(VersionApi).getCode()).gitVersion).toBe('v1.29.7');

    const groups = await config.makeApiClient(ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual(['apps', 'batch', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'networking.k8s.io', 'argoproj.io']);
    expect(groups.groups.find((g) => g.name === 'argoproj.io')?.preferredVersion).toEqual({ groupVersion: 'argoproj.io/v1alpha1', version: 'v1alpha1' });
    const core = await config.makeApiClient(CoreV1Api).getAPIResources();
    expect(core.groupVersion).toBe('v1');
    expect(core.resources.find((r) => r.name === 'configmaps')).toMatchObject({
      kind: 'ConfigMap',
      namespaced: true,
      singularName: 'configmap',
      shortNames: ['cm'],
      verbs: expect.arrayContaining(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
    });
    expect(core.resources.find((r) => r.name === 'namespaces/status')).toMatchObject({ kind: 'Namespace', namespaced: false });

    /** What a deploy preflight does: every apiVersion/kind the cluster serves, from discovery alone. */
    const servedKinds = async (): Promise<string[]> => {
      const lists = [(await raw('GET', '/api/v1')).body];
      for (const group of (await raw('GET', '/apis')).body.groups)
        for (const v of group.versions) lists.push((await raw('GET', `/apis/${v.groupVersion}`)).body);
      return lists
        .flatMap((list) => list.resources.filter((r: { name: string }) => !r.name.includes('/')).map((r: { kind: string }) => `${list.groupVersion} ${r.kind}`))
        .sort();
    };
    expect(await servedKinds()).toEqual(DEFAULT_RESOURCES.map((r) => `${r.group === '' ? '' : `${r.group}/`}${r.version} ${r.kind}`).sort());

    server.unserve('argoproj.io/v1alpha1', 'WorkflowTemplate');
    server.unserve('argoproj.io/v1alpha1', 'CronWorkflow');
    server.serve({ group: 'external-secrets.io', version: 'v1beta1', kind: 'ExternalSecret', plural: 'externalsecrets', namespaced: true, shortNames: ['es'] });
    const kinds = await servedKinds();
    expect(kinds).toContain('external-secrets.io/v1beta1 ExternalSecret');
    expect(kinds).not.toContain('argoproj.io/v1alpha1 WorkflowTemplate');
    expect(kinds).toContain('argoproj.io/v1alpha1 Application');
    // client-node resolves the plural from discovery.
    expect(
      (await refusal(api.read({ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'default' } }))).status
        .message,
    ).toBe('externalsecrets.external-secrets.io "db" not found');
    expect((await raw('GET', '/apis/monitoring.coreos.com/v1')).code).toBe(404);
    expect(() => server.serve({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true })).toThrow(
      'apps/v1 is already served',
    );
  });

  test('server-side apply creates the object; applying the same again changes nothing, resourceVersion included; a YAML body is read too', async () => {
    await startServer();
    const wanted = configMap('settings', { a: '1' }, 'default', { app: 'thoth' });
    const created = await apply(wanted, 'thoth-gitops');
    expect(created.metadata).toMatchObject({ name: 'settings', namespace: 'default', resourceVersion: server.resourceVersion });
    // A ConfigMap has no generation; custom resources and workloads do (below).
    expect((created as KubernetesObject).metadata?.generation).toBeUndefined();
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(managers(created)).toEqual([
      { manager: 'thoth-gitops', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } } },
    ]);
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/configmaps/settings',
      contentType: 'application/apply-patch+yaml',
      status: 201,
    });
    expect(server.requests.at(-1)!.query.get('fieldManager')).toBe('thoth-gitops');

    const again = await apply(wanted, 'thoth-gitops');
    expect(again.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(managers(again)).toEqual(managers(created));
    expect((again as KubernetesObject).metadata?.managedFields?.[0]?.time).toEqual((created as KubernetesObject).metadata?.managedFields?.[0]?.time);
    expect(server.requests.at(-1)!.status).toBe(200);

    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n  labels:\n    app: thoth\ndata:\n  a: "2"\n';
    const changed = await raw('PATCH', '/api/v1/namespaces/default/configmaps/settings?fieldManager=thoth-gitops', {
      body: yaml,
      contentType: 'application/apply-patch+yaml',
    });
    expect(changed.code).toBe(200);
    expect(changed.body.data).toEqual({ a: '2' });
    expect(Number(changed.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));

    const noManager = await raw('PATCH', '/api/v1/namespaces/default/configmaps/settings', { body: yaml, contentType: 'application/apply-patch+yaml' });
    expect(noManager).toMatchObject({
      code: 422,
      body: { reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch' },
    });
    const withManagedFields = await refusal(apply({ ...wanted, metadata: { ...wanted.metadata, managedFields: [{ manager: 'x' }] } }, 'thoth-gitops'));
    expect(withManagedFields).toMatchObject({ code: 400, status: { message: 'metadata.managedFields must be nil' } });
  });

  test('applying a field another manager owns with another value is a 409 Conflict naming the field and the manager, unless forced', async () => {
    await startServer();
    server.putObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
    // The Argo CD install (kubectl apply, an Update) owns argocd-cm's labels and url.
    const install = await api.create(
      configMap('argocd-cm', { url: 'https://argocd.example.com' }, 'argocd', { 'app.kubernetes.io/part-of': 'argocd' }),
      undefined,
      undefined,
      'kubectl-client-side-apply',
    );
    const installedAt = (install as KubernetesObject).metadata?.managedFields?.[0]?.time;
    expect(managers(install)).toEqual([
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        fieldsV1: { 'f:data': { 'f:url': {} }, 'f:metadata': { 'f:labels': { 'f:app.kubernetes.io/part-of': {} } } },
      },
    ]);

    // Only the health key: nobody else owns it, no conflict.
    const onlyKey = await apply(configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA }, 'argocd'), 'thoth-gitops');
    expect(onlyKey.data).toEqual({ url: 'https://argocd.example.com', [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA });

    const before = server.resourceVersion;
    const conflict = await refusal(
      apply(configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA, url: 'https://elsewhere' }, 'argocd'), 'thoth-gitops'),
    );
    const installer = `"kubectl-client-side-apply" using v1 at ${new Date(installedAt!).toISOString().replace('.000Z', 'Z')}`;
    expect(conflict).toEqual({
      code: 409,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Conflict',
        code: 409,
        message: `Apply failed with 1 conflict: conflict with ${installer}: .data.url`,
        details: { causes: [{ type: 'FieldManagerConflict', message: `conflict with ${installer}`, field: '.data.url' }] },
      },
    });
    expect(server.resourceVersion).toBe(before);

    // The same value is shared ownership, not a conflict.
    const shared = await apply(
      configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA, url: 'https://argocd.example.com' }, 'argocd'),
      'thoth-gitops',
    );
    expect(managers(shared).map((m) => [m.manager, Object.keys((m.fieldsV1 as Record<string, object>)['f:data']!)])).toEqual([
      ['kubectl-client-side-apply', ['f:url']],
      ['thoth-gitops', [`f:${APPLICATION_HEALTH_KEY}`, 'f:url']],
    ]);

    // Two appliers: every conflicting field is listed under its manager.
    await apply(configMap('two', { x: '1', y: '1' }), 'first');
    const two = await refusal(apply(configMap('two', { x: '2', y: '2' }), 'second'));
    expect(two.status.message).toBe('Apply failed with 2 conflicts: conflicts with "first":\n- .data.x\n- .data.y');
    expect(two.status.details.causes.map((c: { field: string }) => c.field)).toEqual(['.data.x', '.data.y']);

    const forced = await apply(
      configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA, url: 'https://elsewhere' }, 'argocd'),
      'thoth-gitops',
      { force: true },
    );
    expect(forced.data?.url).toBe('https://elsewhere');
    expect(managers(forced)).toEqual([
      { manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app.kubernetes.io/part-of': {} } } } },
      { manager: 'thoth-gitops', operation: 'Apply', fieldsV1: { 'f:data': { [`f:${APPLICATION_HEALTH_KEY}`]: {}, 'f:url': {} } } },
    ]);
    const notApply = await raw('PATCH', '/api/v1/namespaces/argocd/configmaps/argocd-cm?force=true', {
      body: '{"data":{"a":"b"}}',
      contentType: 'application/merge-patch+json',
    });
    expect(notApply).toMatchObject({
      code: 422,
      body: { message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch' },
    });
  });

  test('a field its manager stops applying is removed, unless another manager owns it too', async () => {
    await startServer();
    await apply(configMap('c', { a: '1', b: '2' }), 'thoth-gitops');
    expect((await apply(configMap('c', { a: '1' }), 'thoth-gitops')).data).toEqual({ a: '1' });

    await apply(configMap('c', { shared: 's' }), 'someone-else');
    await apply(configMap('c', { a: '1', shared: 's' }), 'thoth-gitops');
    const kept = await apply(configMap('c', { a: '1' }), 'thoth-gitops');
    expect(kept.data).toEqual({ a: '1', shared: 's' });

    const { data: _data, ...withoutData }: ConfigMap = configMap('c', {});
    const emptied = await apply(withoutData, 'thoth-gitops');
    expect((emptied as ConfigMap).data).toEqual({ shared: 's' });
    expect(managers(emptied).map((m) => m.manager)).toEqual(['someone-else']);
  });

  test('dryRun=All validates and answers without storing anything', async () => {
    await startServer();
    const start = server.resourceVersion;
    const dryCreate = await apply(configMap('dry', { a: '1' }), 'thoth-gitops', { dryRun: true });
    expect(dryCreate.metadata?.name).toBe('dry');
    expect(dryCreate.metadata?.resourceVersion).toBeUndefined();
    expect(await api.create(configMap('dry2', { a: '1' }), undefined, 'All')).toMatchObject({ metadata: { name: 'dry2' } });
    expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dry' })).toBeUndefined();
    expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dry2' })).toBeUndefined();
    expect(server.resourceVersion).toBe(start);

    const stored = await apply(configMap('real', { a: '1' }), 'thoth-gitops');
    const dryChange = await apply(configMap('real', { a: '2' }), 'thoth-gitops', { dryRun: true });
    expect(dryChange.data).toEqual({ a: '2' });
    expect(dryChange.metadata?.resourceVersion).toBe(stored.metadata?.resourceVersion);
    expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'real' })?.data).toEqual({ a: '1' });
    expect((await refusal(apply(configMap('real', { a: '3' }), 'another', { dryRun: true }))).code).toBe(409);
    await api.delete(configMap('real', {}), undefined, 'All');
    expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'real' })).toBeDefined();
    expect(
      (await raw('PATCH', '/api/v1/namespaces/default/configmaps/real?fieldManager=x&dryRun=Some', { body: '{}', contentType: 'application/apply-patch+yaml' }))
        .code,
    ).toBe(422);
  });

  test('kinds the server does not serve, and objects it does not have, are 404 with the real messages', async () => {
    await startServer();
    const missingGroup = await raw('GET', '/apis/monitoring.coreos.com/v1/namespaces/default/prometheusrules/alerts');
    expect(missingGroup).toEqual({
      code: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      },
    });
    expect((await raw('GET', '/apis/apps/v1/namespaces/default/daemonsets')).code).toBe(404);
    expect((await raw('GET', '/api/v1/namespaces/default/configmaps/x/y')).code).toBe(404);
    await expect(
      api.read({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'alerts', namespace: 'default' } }),
    ).rejects.toThrow('Failed to fetch resource metadata for monitoring.coreos.com/v1/PrometheusRule: HTTP-Code: 404');
    await expect(api.read({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', namespace: 'default' } })).rejects.toThrow(
      'Unrecognized API version and kind: apps/v1 DaemonSet',
    );

    expect(await refusal(api.read(configMap('absent', {})))).toEqual({
      code: 404,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "absent" not found',
        reason: 'NotFound',
        details: { name: 'absent', kind: 'configmaps' },
        code: 404,
      },
    });
    const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'root', namespace: 'default' } };
    expect((await refusal(api.read(app))).status).toMatchObject({
      message: 'applications.argoproj.io "root" not found',
      details: { name: 'root', group: 'argoproj.io', kind: 'applications' },
    });

    server.unserve('argoproj.io/v1alpha1', 'Application');
    expect((await raw('GET', '/apis/argoproj.io/v1alpha1/namespaces/default/applications')).body.message).toBe(
      'the server could not find the requested resource',
    );
  });

  test("401 without the token or with another; 403 with Kubernetes' message for what the deny list refuses", async () => {
    await startServer();
    const unauthorized = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
    expect(await refusal(KubernetesObjectApi.makeApiClient(server.kubeConfig({ token: 'stale' })).read(configMap('x', {})))).toEqual({
      code: 401,
      status: unauthorized,
    });
    expect(await raw('GET', '/api', { token: null })).toEqual({ code: 401, body: unauthorized });
    expect((await raw('GET', '/version', { token: 'stale' })).code).toBe(401);

    server.putObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
    server.putObject(configMap('argocd-cm', {}, 'argocd'));
    server.deny({ verb: 'patch', resource: 'configmaps', namespace: 'argocd', name: 'argocd-cm' });
    server.deny({ verb: 'list', group: 'argoproj.io', resource: 'applications' });
    server.deny({ verb: 'create', resource: 'namespaces' });
    const user = 'system:serviceaccount:thoth-deploy:thoth-gitops';
    expect(await refusal(apply(configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: 'x' }, 'argocd'), 'thoth-gitops'))).toEqual({
      code: 403,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `configmaps "argocd-cm" is forbidden: User "${user}" cannot patch resource "configmaps" in API group "" in the namespace "argocd"`,
        reason: 'Forbidden',
        details: { name: 'argocd-cm', kind: 'configmaps' },
        code: 403,
      },
    });
    expect(await api.read(configMap('argocd-cm', {}, 'argocd'))).toMatchObject({ metadata: { name: 'argocd-cm' } });
    expect((await refusal(api.list('argoproj.io/v1alpha1', 'Application'))).status.message).toBe(
      `applications.argoproj.io is forbidden: User "${user}" cannot list resource "applications" in API group "argoproj.io" at the cluster scope`,
    );
    expect((await refusal(api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'thoth' } }))).status.message).toBe(
      `namespaces is forbidden: User "${user}" cannot create resource "namespaces" in API group "" at the cluster scope`,
    );
    server.denials.length = 0;
    expect(await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'thoth' } })).toMatchObject({ metadata: { name: 'thoth' } });
  });

  test('a watch from a resourceVersion sees the changes after it, in order; one older than the kept history gets an ERROR event with 410 Expired', async () => {
    await startServer({ watchHistory: 5 });
    await apply(configMap('a', { v: '1' }), 'm');
    const listed = await api.list('v1', 'ConfigMap', 'default');
    const from = listed.metadata!.resourceVersion!;
    expect(from).toBe(server.resourceVersion);

    const watch = new Watch(server.kubeConfig());
    const watchFrom = async (resourceVersion: string | undefined, count: number, query: Record<string, string> = {}) => {
      const events: { type: string; name: string; resourceVersion: string; object: any }[] = [];
      let ended: unknown = 'open';
      let resolve: () => void = () => {};
      const enough = new Promise<void>((r) => (resolve = r));
      const controller = await watch.watch(
        '/api/v1/namespaces/default/configmaps',
        { ...(resourceVersion === undefined ? {} : { resourceVersion }), ...query },
        (type, object) => {
          events.push({ type, name: object.metadata?.name, resourceVersion: object.metadata?.resourceVersion, object });
          if (events.length >= count) resolve();
        },
        (error) => {
          ended = error;
          resolve();
        },
      );
      return { events, enough, controller, ended: () => ended };
    };

    const live = await watchFrom(from, 3);
    await apply(configMap('a', { v: '2' }), 'm');
    await apply(configMap('b', { v: '1' }), 'm');
    await api.delete(configMap('a', {}));
    await live.enough;
    expect(live.events.map((e) => `${e.type} ${e.name}`)).toEqual(['MODIFIED a', 'ADDED b', 'DELETED a']);
    const versions = live.events.map((e) => Number(e.resourceVersion));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(versions[0]).toBeGreaterThan(Number(from));
    live.controller.abort();

    // From the same resourceVersion later: the kept history is replayed.
    const replay = await watchFrom(from, 3);
    await replay.enough;
    expect(replay.events.map((e) => `${e.type} ${e.name}`)).toEqual(['MODIFIED a', 'ADDED b', 'DELETED a']);
    replay.controller.abort();

    // Without a resourceVersion: what exists now, as ADDED; a label selector sees objects enter and leave.
    const selected = await watchFrom(undefined, 3, { labelSelector: 'tier=backend' });
    await apply(configMap('c', { v: '1' }, 'default', { tier: 'backend' }), 'm');
    await apply(configMap('b', { v: '1' }, 'default', { tier: 'backend' }), 'm');
    await apply(configMap('c', { v: '1' }, 'default', { tier: 'frontend' }), 'm');
    await selected.enough;
    expect(selected.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED c', 'ADDED b', 'DELETED c']);
    selected.controller.abort();

    for (let i = 0; i < 6; i++) await apply(configMap('churn', { v: String(i) }), 'm');
    const expired = await watchFrom(from, 1);
    await expired.enough;
    expect(expired.events).toHaveLength(1);
    expect(expired.events[0]!.type).toBe('ERROR');
    expect(expired.events[0]!.object).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: expect.stringMatching(new RegExp(`^too old resource version: ${from} \\(\\d+\\)$`)),
      reason: 'Expired',
      code: 410,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(expired.ended()).toBeNull();

    // A watch still open ends when the server stops; the client hears of it.
    const open = await watchFrom(server.resourceVersion, 1);
    await server.stop();
    await open.enough;
    expect(open.ended()).toBeNull();
  });

  test('LIST filters by label and field selectors and pages with limit and continue', async () => {
    await startServer();
    await apply(configMap('a', {}, 'default', { app: 'x', tier: 'backend' }), 'm');
    await apply(configMap('b', {}, 'default', { app: 'y', tier: 'backend' }), 'm');
    await apply(configMap('c', {}, 'default', { app: 'x' }), 'm');
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await api.list('v1', 'ConfigMap', 'default', undefined, undefined, undefined, fieldSelector, labelSelector)).items.map((i) => i.metadata?.name);
    expect(await names('app=x,tier!=backend')).toEqual(['c']);
    expect(await names('app in (x, y),tier')).toEqual(['a', 'b']);
    expect(await names('!tier')).toEqual(['c']);
    expect(await names(undefined, 'metadata.name=b')).toEqual(['b']);
    expect(await names(undefined, 'metadata.name!=b')).toEqual(['a', 'c']);
    expect((await refusal(api.list('v1', 'ConfigMap', 'default', undefined, undefined, undefined, 'spec.x=1'))).status.message).toBe(
      'field label not supported: spec.x',
    );
    // Built-in kinds' items carry no apiVersion or kind, as the real server's typed lists do.
    expect((await raw('GET', '/api/v1/namespaces/default/configmaps')).body.items[0].kind).toBeUndefined();
    const page = await raw('GET', '/api/v1/namespaces/default/configmaps?limit=2');
    expect(page.body.items.map((i: KubeObject) => i.metadata.name)).toEqual(['a', 'b']);
    expect(page.body.metadata.remainingItemCount).toBe(1);
    const next = await raw('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(page.body.metadata.continue)}`);
    expect(next.body.items.map((i: KubeObject) => i.metadata.name)).toEqual(['c']);
  });

  test('merge and JSON patches, PUT, and the status subresource: generation counts spec changes; a custom resource refuses strategic merge patch', async () => {
    await startServer();
    const deployment: KubernetesObject & { spec: object; status: object } = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1 },
      status: { replicas: 9 },
    };
    const created = await api.create(deployment);
    expect((created as any).status).toBeUndefined();
    const scaled = await api.patch(
      { ...deployment, spec: { replicas: 3 }, status: { replicas: 5 } },
      undefined,
      undefined,
      'kubectl',
      undefined,
      PatchStrategy.MergePatch,
    );
    expect(scaled).toMatchObject({ spec: { replicas: 3 }, metadata: { generation: 2 } });
    expect((scaled as any).status).toBeUndefined();

    const status = await raw('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', {
      body: JSON.stringify({ ...deployment, spec: { replicas: 100 }, status: { readyReplicas: 3 } }),
      contentType: 'application/json',
    });
    expect(status.code).toBe(200);
    expect(status.body).toMatchObject({ spec: { replicas: 3 }, status: { readyReplicas: 3 }, metadata: { generation: 2 } });
    expect(status.body.metadata.managedFields.find((m: { subresource?: string }) => m.subresource === 'status')).toMatchObject({
      manager: 'node',
      operation: 'Update',
    });

    const patched = await raw('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: JSON.stringify([
        { op: 'replace', path: '/spec/replicas', value: 4 },
        { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
      ]),
      contentType: 'application/json-patch+json',
    });
    expect(patched.body).toMatchObject({ spec: { replicas: 4 }, metadata: { labels: { a: 'b' }, generation: 3 } });
    const failedTest = await raw('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: JSON.stringify([{ op: 'test', path: '/spec/replicas', value: 1 }]),
      contentType: 'application/json-patch+json',
    });
    expect(failedTest.code).toBe(422);

    const stale = await refusal(api.replace({ ...deployment, metadata: { ...deployment.metadata, resourceVersion: created.metadata!.resourceVersion } }));
    expect(stale).toMatchObject({
      code: 409,
      status: {
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      },
    });

    const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x', namespace: 'default' }, spec: { project: 'default' } };
    await api.create(app);
    // client-node's default patch strategy is strategic merge patch, which a CRD's objects do not take.
    expect(await refusal(api.patch({ ...app, operation: { sync: {} } }))).toMatchObject({ code: 415, status: { reason: 'UnsupportedMediaType' } });
    // Application has no status subresource: its status is written with the object.
    const withStatus = await api.patch(
      { ...app, status: { sync: { status: 'Synced' } } },
      undefined,
      undefined,
      'argocd-application-controller',
      undefined,
      PatchStrategy.MergePatch,
    );
    expect(withStatus).toMatchObject({ status: { sync: { status: 'Synced' } }, metadata: { generation: 2 } });
    expect((await raw('GET', '/apis/argoproj.io/v1alpha1/namespaces/default/applications/x/status')).code).toBe(404);
  });

  test('create answers 409 AlreadyExists, 404 when the namespace does not exist, 422 for an invalid name; finalizers hold a deletion, and a terminating namespace', async () => {
    await startServer();
    await api.create(configMap('a', {}));
    expect(await refusal(api.create(configMap('a', {})))).toMatchObject({
      code: 409,
      status: { reason: 'AlreadyExists', message: 'configmaps "a" already exists', details: { name: 'a', kind: 'configmaps' } },
    });
    expect(await refusal(api.create(configMap('a', {}, 'argocd')))).toMatchObject({ code: 404, status: { message: 'namespaces "argocd" not found' } });
    expect(await refusal(apply(configMap('a', {}, 'argocd'), 'm'))).toMatchObject({ code: 404, status: { message: 'namespaces "argocd" not found' } });
    expect((await refusal(api.create(configMap('Bad_Name', {})))).status).toMatchObject({
      reason: 'Invalid',
      message: expect.stringMatching(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/),
    });

    server.putObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
    server.putObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'root', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    });
    const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'root' };
    await api.delete({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: 'root', namespace: 'argocd' } });
    expect(server.getObject(ref)?.metadata.deletionTimestamp).toBeDefined();
    server.modifyObject(ref, (object) => {
      object.metadata.finalizers = [];
    });
    expect(server.getObject(ref)).toBeUndefined();

    // A namespace being deleted takes its objects with it, waits for their finalizers and refuses new ones.
    server.putObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'held', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    });
    server.putObject(configMap('argocd-cm', {}, 'argocd'));
    await api.delete({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
    expect(server.getObject({ apiVersion: 'v1', kind: 'Namespace', name: 'argocd' })?.status).toEqual({ phase: 'Terminating' });
    expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' })).toBeUndefined();
    expect(await refusal(api.create(configMap('new', {}, 'argocd')))).toMatchObject({
      code: 403,
      status: { message: 'configmaps is forbidden: unable to create new content in namespace argocd because it is being terminated' },
    });
    server.modifyObject({ ...ref, name: 'held' }, (object) => {
      object.metadata.finalizers = [];
    });
    expect(server.getObject({ apiVersion: 'v1', kind: 'Namespace', name: 'argocd' })).toBeUndefined();
  });

  test('failNext answers the next matching requests with the status given; every request is recorded', async () => {
    await startServer();
    server.failNext(500, 'InternalError', { method: 'PATCH', path: /\/configmaps\/a$/, times: 2 });
    expect(await api.create(configMap('a', {}))).toBeDefined();
    expect(await refusal(apply(configMap('a', { x: '1' }), 'm'))).toMatchObject({ code: 500, status: { reason: 'InternalError', message: 'injected 500' } });
    expect((await refusal(apply(configMap('a', { x: '1' }), 'm'))).code).toBe(500);
    expect((await apply(configMap('a', { x: '1' }), 'm')).data).toEqual({ x: '1' });
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 201', 'PATCH 500', 'PATCH 500', 'PATCH 200']);
    expect(server.requests[1]).toMatchObject({
      authorization: `Bearer ${server.token}`,
      contentType: 'application/json',
      body: { kind: 'ConfigMap', metadata: { name: 'a' } },
    });
  });
});

describe('ArgoCdController', () => {
  const COMMIT = '3f2c9a41d0b7e6c5a4f3e2d1c0b9a8f7e6d5c4b3';
  const NEXT_COMMIT = '8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d';
  const REPO = 'https://github.com/thoth-station/thoth-application.git';
  let controller: ArgoCdController;
  let revisions: Map<string, string>;

  async function startController(options: Partial<ArgoCdControllerOptions> = {}): Promise<void> {
    await startServer();
    installArgoCd(server);
    revisions = new Map([['main', COMMIT]]);
    controller = new ArgoCdController({ server, revisions, syncDelayMs: 60, slowDelayMs: 400, tickMs: 5, ...options });
    controller.start();
  }

  afterEach(() => {
    controller?.stop();
    expect(controller?.errors ?? []).toEqual([]);
  });

  const application = (
    name: string,
    options: { automated?: boolean; project?: string; destination?: string; wave?: number; targetRevision?: string } = {},
  ): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...(options.wave === undefined ? {} : { annotations: { 'argocd.argoproj.io/sync-wave': String(options.wave) } }) },
    spec: {
      project: options.project ?? 'default',
      source: { repoURL: REPO, targetRevision: options.targetRevision ?? 'main', path: `generated/stage/${name}` },
      destination: { server: 'https://kubernetes.default.svc', namespace: options.destination ?? 'thoth-stage' },
      ...(options.automated === true ? { syncPolicy: { automated: { prune: true, selfHeal: true } } } : {}),
    },
  });

  const read = (name: string) => server.getObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name }) as App | undefined;
  const state = (name: string) => {
    const status = read(name)?.status;
    return status === undefined
      ? undefined
      : `${status.sync?.status}/${status.health?.status}${status.operationState === undefined ? '' : ` ${status.operationState.phase}`}`;
  };

  /** When each Application state was first stored (`name state` → ms). */
  const firstSeen = new Map<string, number>();

  /** Every distinct (sync, health, operation phase) an Application went through, as watchers saw them. */
  function transitions(name: string): string[] {
    const seen: string[] = [];
    server.onChange((event) => {
      if (event.object.kind !== 'Application' || event.object.metadata.name !== name || event.type === 'DELETED') return;
      const status = event.object.status as any;
      if (status?.sync === undefined) return;
      const text = `${status.sync.status}/${status.health?.status}${status.operationState === undefined ? '' : ` ${status.operationState.phase}`}`;
      if (seen.at(-1) !== text) seen.push(text);
      if (!firstSeen.has(`${name} ${text}`)) firstSeen.set(`${name} ${text}`, Date.now());
    });
    return seen;
  }

  type App = KubeObject & { status?: any; operation?: any };

  /** The first stored version of an Application that satisfies the predicate, from now on: transient states are not missed. */
  function when(name: string, what: string, predicate: (app: App) => boolean, timeoutMs = 3000): Promise<App> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const off = server.onChange((event) => {
        if (event.object.kind !== 'Application' || event.object.metadata.name !== name || event.type === 'DELETED' || !predicate(event.object)) return;
        clearTimeout(timer);
        off();
        resolve(structuredClone(event.object));
      });
    });
  }

  /** Polls for a steady state. */
  async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('a manual Application stays OutOfSync until an operation asks for a sync, then goes Progressing and ends Synced and Healthy at the commit', async () => {
    await startController();
    const seen = transitions('api');
    await apply(application('api'), 'thoth-gitops');
    await until('OutOfSync', () => state('api') === 'OutOfSync/Missing');
    await sleep(150);
    expect(state('api')).toBe('OutOfSync/Missing');
    expect(read('api')!.status.sync.revision).toBe(COMMIT);
    expect(read('api')!.status.operationState).toBeUndefined();

    // What `argocd app sync` does, with a field manager of its own.
    const runningSeen = when('api', 'Running', (app) => app.status?.operationState?.phase === 'Running');
    // Timed from the request, not from the Running write: a loaded machine may pause the process between
    // the sync's start and that write, but never make the sync end before it was asked for plus its delay.
    const askedAt = Date.now();
    await api.patch(
      { ...application('api'), operation: { sync: { revision: COMMIT }, initiatedBy: { username: 'thoth-gitops' } } } as unknown as KubernetesObject,
      undefined,
      undefined,
      'thoth-gitops-sync',
      undefined,
      PatchStrategy.MergePatch,
    );
    const running = await runningSeen;
    expect(running.operation).toEqual({ sync: { revision: COMMIT }, initiatedBy: { username: 'thoth-gitops' } });
    expect(running.status.health.status).toBe('Progressing');
    const done = await until('Synced', () => state('api') === 'Synced/Healthy Succeeded' && read('api'));
    expect(done.operation).toBeUndefined();
    expect(done.status).toMatchObject({
      sync: { status: 'Synced', revision: COMMIT, comparedTo: { source: { repoURL: REPO, targetRevision: 'main' } } },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        operation: { initiatedBy: { username: 'thoth-gitops' } },
        syncResult: { revision: COMMIT },
      },
      resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'thoth-stage', name: 'api', status: 'Synced', health: { status: 'Healthy' } }],
      history: [{ id: 0, revision: COMMIT }],
      reconciledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const { startedAt, finishedAt } = done.status.operationState;
    expect(Date.parse(finishedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    expect(seen).toEqual(['OutOfSync/Missing', 'OutOfSync/Progressing Running', 'Synced/Healthy Succeeded']);
    expect(firstSeen.get('api Synced/Healthy Succeeded')! - askedAt).toBeGreaterThanOrEqual(60);

    // Once settled, the controller writes nothing: a watcher is not woken for nothing.
    const settled = read('api')!.metadata.resourceVersion;
    await sleep(50);
    expect(read('api')!.metadata.resourceVersion).toBe(settled);

    // A new commit on the branch: OutOfSync at it, and nothing happens without another operation.
    revisions.set('main', NEXT_COMMIT);
    await until('OutOfSync at the next commit', () => read('api')?.status?.sync?.revision === NEXT_COMMIT);
    expect(state('api')).toBe('OutOfSync/Healthy Succeeded');
  });

  test('an automated Application syncs by itself, and again when its branch moves on', async () => {
    await startController();
    const seen = transitions('api');
    await apply(application('api', { automated: true }), 'thoth-gitops');
    const synced = await until('Synced', () => state('api') === 'Synced/Healthy Succeeded' && read('api'));
    expect(synced.status.operationState.operation).toMatchObject({ sync: { revision: COMMIT, prune: true }, initiatedBy: { automated: true } });
    expect(seen).toEqual(['OutOfSync/Missing', 'OutOfSync/Progressing Running', 'Synced/Healthy Succeeded']);

    revisions.set('main', NEXT_COMMIT);
    const again = await until(
      'Synced at the next commit',
      () => read('api')?.status?.sync?.revision === NEXT_COMMIT && state('api') === 'Synced/Healthy Succeeded' && read('api'),
    );
    expect(again.status.history.map((h: { revision: string }) => h.revision)).toEqual([COMMIT, NEXT_COMMIT]);
    expect(seen.slice(3)).toEqual(['OutOfSync/Healthy Succeeded', 'OutOfSync/Progressing Running', 'Synced/Healthy Succeeded']);
  });

  test('scripted outcomes: degraded, syncError (not retried), revisionNeverArrives, alreadySynced, slow', async () => {
    await startController({
      outcomes: {
        degraded: 'degraded',
        broken: { outcome: 'syncError', message: 'Deployment.apps "broken" is invalid: spec.replicas: Invalid value: -1' },
        stale: 'revisionNeverArrives',
        current: 'alreadySynced',
        slow: 'slow',
      },
    });
    const seen = Object.fromEntries(['degraded', 'broken', 'stale', 'current', 'slow'].map((name) => [name, transitions(name)]));
    const appliedAt = Date.now();
    for (const name of ['degraded', 'broken', 'stale', 'current', 'slow']) await apply(application(name, { automated: true }), 'thoth-gitops');

    const degraded = await until('Degraded', () => state('degraded') === 'Synced/Degraded Succeeded' && read('degraded'));
    expect(degraded.status.resources[0].health).toEqual({ status: 'Degraded', message: 'Deployment "degraded" exceeded its progress deadline' });

    const broken = await until('Failed', () => read('broken')?.status?.operationState?.phase === 'Failed' && read('broken'));
    expect(broken.status.operationState).toMatchObject({
      message: 'one or more objects failed to apply, reason: Deployment.apps "broken" is invalid: spec.replicas: Invalid value: -1',
      syncResult: {
        revision: COMMIT,
        resources: [
          { kind: 'Deployment', name: 'broken', status: 'SyncFailed', message: 'Deployment.apps "broken" is invalid: spec.replicas: Invalid value: -1' },
        ],
      },
    });
    expect(state('broken')).toBe('OutOfSync/Missing Failed');
    const noRetry = await until('SyncError condition', () => read('broken')?.status?.conditions?.[0]);
    expect(noRetry).toMatchObject({
      type: 'SyncError',
      message: `Failed sync attempt to ${COMMIT}: one or more objects failed to apply, reason: Deployment.apps "broken" is invalid: spec.replicas: Invalid value: -1`,
    });

    // The commit never reaches the controller: it syncs the older one, Synced and Healthy, at the wrong revision.
    const stale = await until('stale Synced', () => state('stale') === 'Synced/Healthy Succeeded' && read('stale'));
    expect(stale.status.sync.revision).toBe(STALE_REVISION);
    // And a sync asked for the commit itself ends in Error.
    await api.patch(
      { ...application('stale'), operation: { sync: { revision: COMMIT }, initiatedBy: { username: 'thoth-gitops' } } } as unknown as KubernetesObject,
      undefined,
      undefined,
      'thoth-gitops-sync',
      undefined,
      PatchStrategy.MergePatch,
    );
    const error = await until('Error', () => read('stale')?.status?.operationState?.phase === 'Error' && read('stale'));
    expect(error.status.operationState.message).toBe(
      `ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Unable to resolve '${COMMIT}' to a commit SHA`,
    );
    expect(error.operation).toBeUndefined();

    expect(seen.current).toEqual(['Synced/Healthy Succeeded']);
    expect(read('current')!.status.sync.revision).toBe(COMMIT);

    await until('slow Synced', () => state('slow') === 'Synced/Healthy Succeeded');
    expect(seen.slow).toEqual(['OutOfSync/Missing', 'OutOfSync/Progressing Running', 'Synced/Healthy Succeeded']);
    // From the apply (robust to a paused process) for the lower bound; the normal sync's delay is 60 ms.
    expect(firstSeen.get('slow Synced/Healthy Succeeded')! - appliedAt).toBeGreaterThanOrEqual(400);
    expect(firstSeen.get('stale Synced/Healthy Succeeded')! - firstSeen.get('stale OutOfSync/Progressing Running')!).toBeLessThan(395);
  });

  test('a target revision that does not resolve is Unknown with a ComparisonError; a missing project is an InvalidSpecError', async () => {
    await startController({ revisions: ({ repoURL, targetRevision }) => (repoURL === REPO && targetRevision === 'main' ? COMMIT : undefined) });
    await apply(application('nowhere', { automated: true, targetRevision: 'release-9' }), 'thoth-gitops');
    await apply(application('orphan', { automated: true, project: 'thoth-stage' }), 'thoth-gitops');
    const nowhere = await until('Unknown', () => read('nowhere')?.status?.conditions !== undefined && read('nowhere'));
    expect(nowhere.status.sync.status).toBe('Unknown');
    expect(nowhere.status.conditions[0]).toMatchObject({
      type: 'ComparisonError',
      message: expect.stringContaining("Unable to resolve 'release-9' to a commit SHA"),
    });
    const orphan = await until('InvalidSpecError', () => read('orphan')?.status?.conditions !== undefined && read('orphan'));
    expect(orphan.status).toMatchObject({
      sync: { status: 'Unknown' },
      health: { status: 'Unknown' },
      conditions: [{ type: 'InvalidSpecError', message: 'Application referencing project thoth-stage which does not exist' }],
    });

    // The project arrives: the next reconciliation syncs.
    await apply(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'thoth-stage', namespace: 'argocd' },
        spec: { sourceRepos: [REPO], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'thoth-*' }] },
      },
      'thoth-gitops',
    );
    await until('orphan Synced', () => state('orphan') === 'Synced/Healthy Succeeded');
  });

  describe('an app-of-apps', () => {
    /** The root renders two child Applications, in waves 0 and 1. */
    const children = (app: KubeObject) =>
      app.metadata.name === 'root' ? [application('first', { automated: true, wave: 0 }), application('second', { automated: true, wave: 1 })] : undefined;

    test('without the health key in argocd-cm, the root is Healthy as soon as its children exist, and does not wait between waves', async () => {
      await startController({ manifests: children, outcomes: { first: 'slow' } });
      await apply(application('root', { automated: true, destination: 'argocd' }), 'thoth-gitops');
      const root = await until('root Synced', () => state('root') === 'Synced/Healthy Succeeded' && read('root'));
      // Both waves were applied before the first child had synced.
      expect(state('first')).not.toBe('Synced/Healthy Succeeded');
      expect(read('second')).toBeDefined();
      expect(root.status.resources).toEqual([
        { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: 'argocd', name: 'first', status: 'Synced' },
        { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: 'argocd', name: 'second', status: 'Synced' },
      ]);
      expect(read('first')!.metadata.annotations?.[TRACKING_ANNOTATION]).toBe('root:argoproj.io/Application:argocd/first');
      expect(root.status.operationState.syncResult.resources.map((r: { name: string; status: string }) => `${r.name} ${r.status}`)).toEqual([
        'first Synced',
        'second Synced',
      ]);
      await until('first Synced', () => state('first') === 'Synced/Healthy Succeeded');
    });

    test('with the health key, the root applies a wave only when the previous one is healthy, and its health follows its children', async () => {
      await startController({ manifests: children, outcomes: { second: 'degraded' } });
      await apply(configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA }, 'argocd'), 'thoth-gitops');
      const secondWhileWaiting: unknown[] = [];
      server.onChange((event) => {
        if (
          event.object.metadata.name === 'root' &&
          (event.object.status as any)?.operationState?.message === 'waiting for healthy state of argoproj.io/Application/first'
        )
          secondWhileWaiting.push(read('second'));
      });
      const waiting = when(
        'root',
        'root waits for first',
        (app) => app.status?.operationState?.message === 'waiting for healthy state of argoproj.io/Application/first',
      );
      await apply(application('root', { automated: true, destination: 'argocd' }), 'thoth-gitops');
      expect((await waiting).status.health.status).toBe('Progressing');
      await until('second exists', () => read('second'));
      expect(secondWhileWaiting.length).toBeGreaterThan(0);
      expect(secondWhileWaiting.every((second) => second === undefined)).toBe(true);
      expect(state('first')).toBe('Synced/Healthy Succeeded');
      // The root's sync ends after the last wave is applied; its health is then its children's.
      const root = await until('root Degraded', () => state('root') === 'Synced/Degraded Succeeded' && read('root'));
      expect(root.status.resources.map((r: { name: string; health?: unknown }) => [r.name, r.health])).toEqual([
        ['first', { status: 'Healthy' }],
        ['second', { status: 'Degraded' }],
      ]);

      controller.script('second', undefined);
      server.modifyObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'second' }, (object) => {
        object.metadata.annotations = { ...object.metadata.annotations, 'argocd.argoproj.io/refresh': 'normal' };
      });
      await until('root Healthy', () => state('root') === 'Synced/Healthy Succeeded');
      await until('refresh answered', () => read('second')!.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined);

      // Deleting the root with Argo CD's resources finalizer deletes its children first.
      server.modifyObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'root' }, (object) => {
        object.metadata.finalizers = ['resources-finalizer.argocd.argoproj.io'];
      });
      await api.delete({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'root', namespace: 'argocd' } });
      await until('root gone', () => read('root') === undefined);
      expect([read('first'), read('second')]).toEqual([undefined, undefined]);
    });

    test("with the health key, a child Degraded before the last wave fails the root's sync", async () => {
      await startController({
        manifests: children,
        outcomes: { first: { outcome: 'degraded', message: 'Deployment "first" exceeded its progress deadline' } },
      });
      await apply(configMap('argocd-cm', { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA }, 'argocd'), 'thoth-gitops');
      await apply(application('root', { automated: true, destination: 'argocd' }), 'thoth-gitops');
      const root = await until('root Failed', () => read('root')?.status?.operationState?.phase === 'Failed' && read('root'));
      expect(root.status.operationState.message).toBe('one or more synchronization tasks completed unsuccessfully');
      // The child's own health has no message (the Lua check passes on status.health.message); its resources say why.
      expect(root.status.operationState.syncResult.resources).toEqual([
        expect.objectContaining({ name: 'first', status: 'Synced', hookPhase: 'Failed', message: '' }),
      ]);
      expect(read('first')!.status.resources[0].health).toEqual({ status: 'Degraded', message: 'Deployment "first" exceeded its progress deadline' });
      expect(root.status.health.status).toBe('Degraded');
      expect(read('second')).toBeUndefined();
    });

    test("a kind the cluster does not serve fails the sync with Argo CD's message, and nothing is applied", async () => {
      const manifests = (app: KubeObject) =>
        app.metadata.name === 'workflows'
          ? [
              { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} },
              { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'alerts' } },
            ]
          : undefined;
      await startController({ manifests });
      await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'thoth-stage' } }, 'thoth-gitops');
      await apply(application('workflows', { automated: true }), 'thoth-gitops');
      const failed = await until('Failed', () => read('workflows')?.status?.operationState?.phase === 'Failed' && read('workflows'));
      expect(failed.status.operationState.message).toBe('one or more synchronization tasks are not valid');
      expect(failed.status.operationState.syncResult.resources).toEqual([
        expect.objectContaining({
          kind: 'PrometheusRule',
          status: 'SyncFailed',
          message:
            'The Kubernetes API could not find monitoring.coreos.com/PrometheusRule for requested resource thoth-stage/alerts. Make sure the "PrometheusRule" CRD is installed on the destination cluster.',
        }),
      ]);
      expect(server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'thoth-stage', name: 'settings' })).toBeUndefined();
    });
  });

  test('stop() leaves no timer behind', async () => {
    await startServer();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const idle = new ArgoCdController({ server, revisions: new Map(), tickMs: 5 });
    idle.start();
    expect(timers()).toBe(before + 1);
    await sleep(20);
    idle.stop();
    expect(timers()).toBe(before);
  });
});
