/**
 * The action builder in every Ryax environment on disk: no container of its pod runs as root, its
 * init containers included, and validate's restricted policy and the image's contract find nothing;
 * the Nix store is a claim of the documented size, seeded at /persist/nix and mounted at /nix; the
 * registry credentials are where $HOME/.docker/config.json is read; the variables are the chart's; the
 * gRPC API, its h2c Service and its route appear only when switched on. The init scripts themselves
 * run here as the pod's non-root user against directories laid out as the kubelet lays out an fsGroup
 * volume: they need no root, and without the fsGroup they fail.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { loadPlatformEnvironments } from '../../../src/config/load.js';
import { namespaceOf } from '../../../src/config/environment.js';
import { PlatformChart } from '../../../src/platform/chart.js';
import { collectObjects } from '../../../src/synth/collect.js';
import type { RenderedEnvironment } from '../../../src/synth/manifest.js';
import { contractProblems } from '../../../src/validate/contracts.js';
import { workloadProblems } from '../../../src/validate/workload-policy.js';
import { REPO_ROOT } from '../../../test/helpers.js';
import { ACTION_BUILDER_SCRIPTS } from '../contracts/action-builder.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { ActionBuilder, type ActionBuilderProps } from './index.js';

const run = promisify(execFile);
const ENVIRONMENTS = await loadPlatformEnvironments(RYAX, REPO_ROOT);
const UID = 1200;

type Manifest = ReturnType<typeof collectObjects>[number]['manifest'] & { spec?: any };

/** The action builder of `env`, rendered alone with the given settings, as an environment validate can check. */
function rendered(env: RyaxEnvironment, settings: Partial<ActionBuilderProps> = {}): RenderedEnvironment {
  const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'services' });
  new ActionBuilder(chart, 'action-builder', { env, namespace: namespaceOf(env, 'services'), ...settings });
  return {
    name: env.name,
    imageContracts: RYAX.imageContracts,
    applications: [{ name: 'services', wave: 0, namespace: namespaceOf(env, 'services'), objects: collectObjects(chart) }],
  };
}

const manifests = (environment: RenderedEnvironment): Manifest[] => environment.applications.flatMap((a) => a.objects.map((o) => o.manifest as Manifest));
const find = (all: Manifest[], kind: string) => all.filter((m) => m.kind === kind);
const podOf = (all: Manifest[]): k8s.PodSpec => find(all, 'Deployment')[0]!.spec.template.spec;
const container = (pod: k8s.PodSpec, name: string): k8s.Container => [...(pod.initContainers ?? []), ...pod.containers].find((c) => c.name === name)!;
const envOf = (c: k8s.Container): Record<string, unknown> =>
  Object.fromEntries((c.env ?? []).map((variable) => [variable.name, variable.value ?? variable.valueFrom]));
const mountsOf = (c: k8s.Container): Record<string, string> =>
  Object.fromEntries((c.volumeMounts ?? []).filter((m) => !m.name.startsWith('writable')).map((m) => [m.mountPath, m.name]));

/** Every `runAsUser`/`runAsGroup` anywhere in an object, with where. */
function identities(value: unknown, where = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    ['runAsUser', 'runAsGroup'].includes(key) ? [`${where}.${key}=${String(inner)}`] : identities(inner, `${where}.${key}`),
  );
}

test('the environments on disk include Ryax ones', () => {
  expect(ENVIRONMENTS.length).toBeGreaterThan(0);
});

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const defaults = rendered(env);
  const all = manifests(defaults);
  const pod = podOf(all);

  test('restricted: no container runs as root, init containers included, and validate finds nothing', () => {
    expect(pod.initContainers!.map((c) => c.name)).toEqual(['pull-wrappers', 'home', 'nix-store']);
    // The pod's user and group, and nothing that overrides them in a container.
    expect(identities(find(all, 'Deployment')[0]).sort()).toEqual([
      `.spec.template.spec.securityContext.runAsGroup=${UID}`,
      `.spec.template.spec.securityContext.runAsUser=${UID}`,
    ]);
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: UID,
      runAsGroup: UID,
      fsGroup: UID,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const c of [...pod.initContainers!, ...pod.containers]) {
      expect({ [c.name]: c.securityContext }).toEqual({
        [c.name]: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
      });
    }
    expect(all.flatMap((m) => workloadProblems(m, 'restricted'))).toEqual([]);
    expect(contractProblems(defaults).map((p) => `${p.rule}: ${p.message}`)).toEqual([]);
  });

  test('an init script the image’s contract does not know is a finding', () => {
    const changed = { ...defaults, applications: structuredClone(defaults.applications) };
    const deployment = changed.applications[0]!.objects.find((o) => o.manifest.kind === 'Deployment')!.manifest as Manifest;
    deployment.spec.template.spec.initContainers[2].args = ['chown -R ryax:ryax /persist/nix'];
    expect(contractProblems(changed).map((p) => p.message)).toEqual([
      expect.stringContaining('container nix-store: argument 1="chown -R ryax:ryax /persist/nix" names no mode'),
    ]);
  });

  test('defaults: one Recreate pod of the chart’s image and resources, a 100Gi ReadWriteOnce store, no Service or route', () => {
    const deployment = find(all, 'Deployment')[0]!;
    expect([deployment.metadata.name, deployment.spec.replicas, deployment.spec.strategy]).toEqual(['ryax-action-builder', 1, { type: 'Recreate' }]);
    expect(pod.priorityClassName).toBe(`${env.name}-microservices`);
    const builder = container(pod, 'ryax-action-builder');
    expect(builder.image).toBe(`${env.images.registry}/action-builder:26.4.0`);
    expect(JSON.parse(JSON.stringify(builder.resources))).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    const [claim] = find(all, 'PersistentVolumeClaim');
    expect([claim!.metadata.name, claim!.spec.accessModes, claim!.spec.resources.requests.storage]).toEqual([
      'ryax-action-builder-nix-store',
      ['ReadWriteOnce'],
      '100Gi',
    ]);
    expect([find(all, 'Service'), find(all, 'Ingress'), envOf(builder).RYAX_GRPC_API_ENABLED]).toEqual([[], [], undefined]);
    expect(builder.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(envOf(container(pod, 'pull-wrappers')).RYAX_WRAPPERS_GIT_REF).toBe('NOT_EXISTING_REF');
  });

  test('the Nix store: the claim, seeded at /persist/nix by the nix-store init container, mounted at /nix in the builder', () => {
    expect(pod.volumes!.find((v) => v.name === 'nix-store')).toEqual({
      name: 'nix-store',
      persistentVolumeClaim: { claimName: 'ryax-action-builder-nix-store' },
    });
    expect(mountsOf(container(pod, 'nix-store'))).toEqual({ '/persist/nix': 'nix-store', '/home': 'home' });
    expect(mountsOf(container(pod, 'ryax-action-builder'))).toMatchObject({ '/nix': 'nix-store' });
    expect(container(pod, 'nix-store').args).toEqual([ACTION_BUILDER_SCRIPTS['nix-store']]);
    expect(ACTION_BUILDER_SCRIPTS['nix-store']).not.toContain('chown');
  });

  test('the registry credentials: config.json of Secret ryax-registry-creds-secret, read-only in $HOME/.docker', () => {
    const builder = container(pod, 'ryax-action-builder');
    expect(pod.volumes!.find((v) => v.name === 'registry-credentials')).toEqual({
      name: 'registry-credentials',
      secret: { secretName: 'ryax-registry-creds-secret', items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
    });
    const mount = builder.volumeMounts!.find((m) => m.name === 'registry-credentials')!;
    expect([mount.mountPath, mount.readOnly]).toEqual([`${envOf(builder).HOME}/.docker`, true]);
    // $HOME is on the home volume, seeded by the home init container under the same path.
    expect(mountsOf(builder)['/home']).toBe('home');
    expect(mountsOf(container(pod, 'home'))).toEqual({ '/persist/home': 'home' });
  });

  test('the variables: the chart’s, the wrappers where the init container cloned them', () => {
    const builder = container(pod, 'ryax-action-builder');
    expect(envOf(builder)).toEqual({
      RYAX_BROKER: { secretKeyRef: { name: 'ryax-broker-secret', key: 'broker' } },
      RYAX_INTERNAL_REGISTRY: 'ryax-registry:5000',
      RYAX_LOG_LEVEL: env.logLevel,
      RYAX_WRAPPERS_DIR: '/data/wrappers/src',
      HOME: '/home/ryax',
    });
    // The init container clones into <wrappers volume>/src, which the builder sees under /data/wrappers.
    expect(mountsOf(container(pod, 'pull-wrappers'))).toEqual({ '/tmp/wrappers': 'wrappers' });
    expect(ACTION_BUILDER_SCRIPTS['pull-wrappers']).toContain('/tmp/wrappers/src');
    expect(mountsOf(builder)['/data/wrappers']).toBe('wrappers');
    expect(envOf(container(pod, 'nix-store'))).toEqual({ HOME: '/home/ryax' });
  });

  test('settings: the store size, the gRPC API with its h2c Service and route, the wrappers’ ref and extra variables', () => {
    const tuned = manifests(rendered(env, { storage: '4Gi', grpcApi: true, wrappersGitRef: 'v25.10.0', variables: { RYAX_NIX_GARBAGE_COLLECT_ENABLED: '' } }));
    const tunedPod = podOf(tuned);
    const builder = container(tunedPod, 'ryax-action-builder');
    expect(find(tuned, 'PersistentVolumeClaim')[0]!.spec.resources.requests.storage).toBe('4Gi');
    expect(envOf(builder)).toMatchObject({ RYAX_GRPC_API_ENABLED: '1', RYAX_NIX_GARBAGE_COLLECT_ENABLED: '' });
    expect(builder.ports).toContainEqual({ name: 'grpc', containerPort: 8081, protocol: 'TCP' });
    expect(envOf(container(tunedPod, 'pull-wrappers')).RYAX_WRAPPERS_GIT_REF).toBe('v25.10.0');
    const [service] = find(tuned, 'Service');
    expect([service!.metadata.name, service!.metadata.annotations, service!.spec.ports]).toEqual([
      'ryax-action-builder',
      { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' },
      [{ name: 'grpc', port: 80, targetPort: 'grpc', protocol: 'TCP' }],
    ]);
    const serving = find(tuned, 'Ingress').filter((i) => i.metadata.annotations?.['traefik.ingress.kubernetes.io/router.entrypoints'] !== 'web');
    expect(
      serving.flatMap((i) =>
        i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => `${r.host}${p.path} → ${p.backend.service.name}:${p.backend.service.port.number}`)),
      ),
    ).toEqual([`${env.host}/action_builder → ryax-action-builder:80`]);
    // The chart does not strip /action_builder.
    expect(find(tuned, 'Middleware').filter((m) => m.spec.stripPrefix !== undefined)).toEqual([]);
  });

  test('replicas other than one are refused, naming the setting', () => {
    expect(() => rendered(env, { replicas: 2 })).toThrow(
      'action-builder: replicas is 2, but the action builder runs one pod (its Nix store is a ReadWriteOnce volume, and it builds one action at a time); set 1 or leave it out',
    );
  });
});

describe('the init scripts, as the pod’s user, on volumes laid out as the kubelet lays out an fsGroup volume', () => {
  let dir: string;
  /** The script with its absolute paths moved under `dir`: /persist (the volumes), /nix and /home (the image's). */
  const relocated = (script: string) => script.replaceAll('/persist', `${dir}/persist`).replace(/(?<![\w/])\/(nix|home)\b/g, `${dir}/image/$1`);
  const runAsUser = (script: string) => run('setpriv', [`--reuid=${UID}`, `--regid=${UID}`, '--clear-groups', 'sh', '-c', relocated(script)]);
  /** A volume's root as the kubelet leaves it for fsGroup: root's, the group's, group-writable, setgid. */
  const volume = async (where: string, fsGroup = true) => {
    await mkdir(where, { recursive: true });
    if (fsGroup) {
      await chown(where, 0, UID);
      await chmod(where, 0o2775);
    }
  };
  const owners = async (root: string): Promise<string[]> => {
    const found: string[] = [];
    const walk = async (at: string) => {
      const stat = await lstat(at);
      if (stat.uid !== UID) found.push(`${path.relative(root, at)} ${stat.uid}`);
      if (stat.isDirectory()) for (const entry of await readdir(at)) await walk(path.join(at, entry));
    };
    for (const entry of await readdir(root)) await walk(path.join(root, entry));
    return found;
  };

  beforeEach(async () => {
    if (process.getuid?.() !== 0) throw new Error('these tests switch to the pod’s user with setpriv, which needs root (as on the project’s machines and CI)');
    dir = await mkdtemp(path.join(tmpdir(), 'action-builder-'));
    await chmod(dir, 0o755);
    // The image's store: root's, read-only and world-readable, as Nix leaves store paths; its database; a GC root.
    const storePath = `${dir}/image/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello/bin`;
    await mkdir(storePath, { recursive: true });
    await writeFile(`${storePath}/hello`, '#!/bin/sh\n');
    await mkdir(`${dir}/image/nix/var/nix/db`, { recursive: true });
    await mkdir(`${dir}/image/nix/var/nix/gcroots`, { recursive: true });
    await writeFile(`${dir}/image/nix/var/nix/db/db.sqlite`, 'db');
    await symlink('/nix/var/nix/profiles', `${dir}/image/nix/var/nix/gcroots/profiles`);
    await chmod(`${storePath}/hello`, 0o555);
    await chmod(storePath, 0o555);
    await chmod(path.dirname(storePath), 0o555);
    // The image's home, its user's.
    await mkdir(`${dir}/image/home/ryax/.config/nix`, { recursive: true });
    await writeFile(`${dir}/image/home/ryax/.config/nix/nix.conf`, 'experimental-features = nix-command\n');
    await run('chown', ['-R', `${UID}:${UID}`, `${dir}/image/home/ryax`]);
  });

  afterEach(async () => {
    await run('chmod', ['-R', 'u+w', dir]);
    await rm(dir, { recursive: true, force: true });
  });

  test('nix-store bootstraps the store: every file the user’s, store paths still read-only', async () => {
    await volume(`${dir}/persist/nix`);
    await runAsUser(ACTION_BUILDER_SCRIPTS['nix-store']);
    expect(await owners(`${dir}/persist/nix`)).toEqual([]);
    const hello = await lstat(`${dir}/persist/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello/bin/hello`);
    expect((hello.mode & 0o777).toString(8)).toBe('555');
    expect((await lstat(`${dir}/persist/nix/var/nix/gcroots/profiles`)).isSymbolicLink()).toBe(true);
  });

  test('without the fsGroup the volume’s root is root’s, and the bootstrap fails', async () => {
    await volume(`${dir}/persist/nix`, false);
    await expect(runAsUser(ACTION_BUILDER_SCRIPTS['nix-store'])).rejects.toThrow(/Permission denied/);
  });

  test('home seeds a home the user owns, and runs again over it', async () => {
    await volume(`${dir}/persist/home`);
    await runAsUser(ACTION_BUILDER_SCRIPTS.home);
    await runAsUser(ACTION_BUILDER_SCRIPTS.home);
    expect(await owners(`${dir}/persist/home`)).toEqual([]);
    expect((await lstat(`${dir}/persist/home/ryax/.config/nix/nix.conf`)).isFile()).toBe(true);
  });
});
