/**
 * Ryax's environment: the keys every platform's environment file has (src/config/schema.ts) and the
 * ones Ryax adds, after the ryax-engine chart's global values (ryax-inventory.md §2): the one host
 * every route is served under, the services' log level, and Let's Encrypt when TLS is wanted.
 */
import { isDeepStrictEqual } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import { type PlatformEnvironment, type PlatformEnvironmentSpec, Strict } from '../../../src/config/schema.js';
import type { YamlSource } from '../../../src/config/yaml-source.js';
import type { Problem } from '../../../src/errors.js';
import { siteProblems, siteSchema } from './site.js';
import { installs, KUBE_PROMETHEUS_STACK_LABELS, KUBE_PROMETHEUS_STACK_RELEASE, RYAX_STACKS } from './stacks.js';

/** Ryax's tiers: what a namespace of a Ryax environment may hold. */
export const RYAX_TIERS = ['backbone', 'services', 'executions'] as const;
export type RyaxTier = (typeof RYAX_TIERS)[number];

export const RYAX_TIER_DESCRIPTIONS: Readonly<Record<RyaxTier, string>> = {
  backbone: 'the datastore, broker, filestore and registry the services share',
  services: 'the micro-services: authorization, runner, studio, repository, action-builder and the web UI',
  executions: "the users' deployed actions, which the runner creates",
};

const LETS_ENCRYPT_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
};

export const RYAX_ENVIRONMENT_PROPERTIES = {
  host: Type.String({
    pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$',
    description: 'the host name every route is served under (the chart’s global.tls.hostname), such as ryax.example.org',
  }),
  logLevel: Type.Union(
    ['debug', 'info', 'warning', 'error'].map((level) => Type.Literal(level)),
    {
      description: 'the services’ log level (the chart’s global.ryax.logLevel)',
    },
  ),
  nodeCidrs: Type.Optional(
    Type.Array(Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$', description: 'an IPv4 CIDR such as 10.0.0.0/16' }), {
      minItems: 1,
      uniqueItems: true,
      description:
        "the nodes' addresses: without TLS the nodes pull the actions' images through the registry's NodePort, and a pull that enters by another node than the registry's arrives from that node's address (required when the registry is rendered without TLS)",
    }),
  ),
  stacks: Type.Optional(
    Type.Array(
      Type.Union(
        RYAX_STACKS.map((stack) => Type.Literal(stack)),
        { description: 'a third-party stack' },
      ),
      {
        uniqueItems: true,
        description:
          "the third-party stacks the environment installs, each an Argo CD Application of its upstream chart at a pinned version: traefik (in network.ingressNamespace), kube-prometheus-stack and tempo (in network.monitoringNamespace); logs, Loki and the Alloy that ships the logs of the services' and the actions' namespaces to it (in <the services' namespace>-logs), which the engine's own site's worker reads the actions' logs from. Absent: none, the cluster has its own",
      },
    ),
  ),
  letsEncrypt: Type.Optional(
    Strict(
      {
        server: Type.Union([Type.Literal('production'), Type.Literal('staging')], { description: 'Let’s Encrypt’s production or staging ACME server' }),
        email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', description: 'the ACME account’s e-mail address' }),
      },
      {
        description:
          'render the cert-manager ClusterIssuer letsencrypt-<server> (HTTP-01 through the ingress class); network.tlsClusterIssuer must then name it. Absent: no issuer is rendered',
      },
    ),
  ),
  site: Type.Optional(
    siteSchema(
      "the engine's own cluster as a site, with the ids the Ryax UI gives it and its node pools (the reference's main site, docs/docs/howto/install_ryax_kubernetes.md#L170-L222): its worker runs beside the services and deploys the actions into the executions' namespace, under that namespace's quota and limits; it keeps its data in a database of the datastore and uses the engine's broker, filestore and registry credentials. Absent: no worker here, the actions run on sites of their own (environments of platform ryax-worker)",
    ),
  ),
};

const RyaxSettings = Strict(RYAX_ENVIRONMENT_PROPERTIES);

export type RyaxEnvironmentSpec = PlatformEnvironmentSpec<RyaxTier> & Static<typeof RyaxSettings>;
/** A validated Ryax environment: its name comes from its file name. */
export type RyaxEnvironment = PlatformEnvironment<RyaxTier> & Static<typeof RyaxSettings>;

/** The ClusterIssuer an environment's letsEncrypt renders, and the ACME server it asks. */
export function letsEncryptIssuer(env: Pick<RyaxEnvironment, 'letsEncrypt'>): { readonly name: string; readonly server: string } | undefined {
  const settings = env.letsEncrypt;
  return settings === undefined ? undefined : { name: `letsencrypt-${settings.server}`, server: LETS_ENCRYPT_SERVERS[settings.server] };
}

/**
 * Rules across Ryax's keys: the backbone shares the services' namespace (they reach the datastore and
 * broker by their short names, and the Secrets they share are there), the worker needs the site it
 * works for, and the issuer rendered is the one the routes name.
 */
export function ryaxEnvironmentProblems(source: YamlSource, spec: PlatformEnvironmentSpec): Problem[] {
  const env = spec as RyaxEnvironmentSpec;
  const problems: Problem[] = [];
  const holding = (tier: RyaxTier) => Object.keys(env.namespaces).find((name) => env.namespaces[name]!.tiers.includes(tier));
  const [backbone, services] = [holding('backbone'), holding('services')];
  if (backbone !== undefined && services !== undefined && backbone !== services) {
    problems.push(
      source.problemFor(
        ['namespaces', backbone, 'tiers'],
        `places backbone apart from services (in ${services}); the services reach the datastore and the broker by their short names and read the Secrets they share there: put backbone in ${services}`,
      ),
    );
  }
  if (env.network.tlsClusterIssuer === undefined && env.nodeCidrs === undefined && env.components.registry?.enabled !== false) {
    problems.push(
      source.problemFor(
        ['nodeCidrs'],
        "is missing: without TLS the nodes pull the actions' images through the registry's NodePort, from their own addresses; list the nodes' CIDRs (nodeCidrs: [10.0.0.0/16]) so the registry's NetworkPolicy lets those pulls in",
        'key',
      ),
    );
  }
  if (installs(env, 'kube-prometheus-stack')) {
    for (const key of ['serviceMonitorLabels', 'ruleLabels'] as const) {
      if (isDeepStrictEqual(env.monitoring[key], KUBE_PROMETHEUS_STACK_LABELS)) continue;
      problems.push(
        source.problemFor(
          ['monitoring', key],
          `is ${JSON.stringify(env.monitoring[key])}, but the ${KUBE_PROMETHEUS_STACK_RELEASE} this environment installs selects by exactly these labels, and its own ServiceMonitors and rules carry only ${JSON.stringify(KUBE_PROMETHEUS_STACK_LABELS)}: set ${JSON.stringify(KUBE_PROMETHEUS_STACK_LABELS)}`,
        ),
      );
    }
  }
  if (env.site !== undefined) problems.push(...siteProblems(source, env.site));
  else if (env.components.worker?.enabled === true) {
    problems.push(
      source.problemFor(
        ['components', 'worker', 'enabled'],
        "is true, but the environment declares no site: the worker is configured with the site's id and node pools from the Ryax UI; add `site:` (id, name, nodePools)",
      ),
    );
  }
  const issuer = letsEncryptIssuer(env);
  const named = env.network.tlsClusterIssuer;
  if (issuer === undefined || named === issuer.name) return problems;
  return [
    ...problems,
    source.problemFor(
      ['network', 'tlsClusterIssuer'],
      named === undefined
        ? `must name the ClusterIssuer letsEncrypt renders, "${issuer.name}", or the routes get no certificate`
        : `names "${named}", but letsEncrypt renders "${issuer.name}"; name that one, or remove letsEncrypt to use an issuer of your own`,
      named === undefined ? 'key' : 'value',
    ),
  ];
}
