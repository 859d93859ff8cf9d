/**
 * The environment file schema: one JSON Schema (built with TypeBox, checked with ajv) that is also the
 * source of the `Environment` TypeScript type. `description` texts are shown to the user in errors.
 */
import { Type, type Static, type TSchema, type TProperties, type ObjectOptions } from '@sinclair/typebox';
import type { ComponentEntry, ComponentKind } from './components.js';
import type { FormatName } from './formats.js';
import { DNS_1123_LABEL } from '../validate/admission/names.js';

/** Objects reject unknown keys, so a typo is an error and not a silently ignored setting. */
export function Strict<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

const DNS_LABEL = DNS_1123_LABEL.source;

/** A custom format (src/config/formats.ts), which the validator knows and the problems explain. */
export const format = (name: FormatName) => ({ format: name });

/** Labels put on objects as given: keys and values by the API server's rules. */
const LabelMap = (description: string) =>
  Type.Record(Type.String(), Type.String(format('label-value')), { propertyNames: format('label-key'), minProperties: 1, description });

export const Name = (description: string) =>
  Type.String({ pattern: DNS_LABEL, maxLength: 63, description: `lowercase letters, digits and "-" (a DNS label): ${description}` });

/** A Kubernetes resource quantity; YAML numbers are accepted for whole units (`cpu: 2`). */
const Quantity = Type.Union([Type.String({ pattern: '^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$' }), Type.Number({ minimum: 0 })], {
  $id: 'Quantity',
  description: 'a Kubernetes quantity such as 500m, 2 or 4Gi',
});

const CpuMemory = Strict({ cpu: Type.Ref(Quantity), memory: Type.Ref(Quantity) }, { $id: 'CpuMemory' });

const RequestsLimits = Strict({ requests: Type.Ref(Quantity), limits: Type.Ref(Quantity) });

export const QuotaSchema = Strict(
  {
    cpu: RequestsLimits,
    memory: RequestsLimits,
    storage: Type.Optional(Type.Ref(Quantity)),
    pods: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    persistentVolumeClaims: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    workflows: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'the most Argo Workflow objects the namespace may hold' })),
  },
  { description: 'the namespace ResourceQuota' },
);

export const LimitRangeSchema = Strict(
  {
    defaultRequest: Type.Ref(CpuMemory),
    default: Type.Ref(CpuMemory),
    max: Type.Ref(CpuMemory),
  },
  { $id: 'LimitRange', description: 'container defaults and maximum (LimitRange)' },
);

/** A namespace of the environment: the tiers of the platform it holds, its quota and limits. */
function namespaceSchema(tiers: readonly string[]) {
  return Strict({
    // A string enum, not a union of literals: ajv then finds duplicates with a hash rather than by
    // comparing every pair of items (60,000 items took 215 s).
    tiers: Type.Array(Type.String({ enum: [...tiers] }), {
      minItems: 1,
      uniqueItems: true,
      description: `tiers placed in this namespace, among ${tiers.join(', ')}`,
    }),
    quota: QuotaSchema,
    limitRange: Type.Optional(Type.Ref(LimitRangeSchema)),
    podSecurity: Type.Optional(
      Type.Union([Type.Literal('restricted'), Type.Literal('baseline')], {
        description:
          'the Pod Security Standard enforced (default restricted; baseline only where pods must run as root, such as Amun’s image builds), restricted is still warned about and audited',
      }),
    ),
  });
}

const EnvVarName = '^[A-Za-z_][A-Za-z0-9_]*$';

const Resources = Strict({ requests: Type.Optional(Type.Ref(CpuMemory)), limits: Type.Optional(Type.Ref(CpuMemory)) });

const ImageTag = Type.String({
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
  not: { const: 'latest' },
  description: 'a pinned image tag such as v0.3.22 (not "latest")',
});

const commonSettings = {
  enabled: Type.Optional(Type.Boolean({ description: 'render this component' })),
  imageTag: Type.Optional(ImageTag),
  resources: Type.Optional(Resources),
  env: Type.Optional(
    Type.Record(Type.String({ pattern: EnvVarName }), Type.String({ description: 'env values are strings: quote numbers and booleans' }), {
      additionalProperties: false,
      description: 'extra environment variables (NAME: "value")',
    }),
  ),
};

// Each kind's settings are defined once ($id) and referenced by every component of that kind, so the
// validator compiles three schemas rather than one per component.
const settingsByKind = {
  service: Strict(
    {
      ...commonSettings,
      replicas: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
      storage: Type.Optional(Type.Ref(Quantity, { description: 'size of the persistent volume, for components that keep data' })),
    },
    { $id: 'ServiceSettings' },
  ),
  api: Strict(
    {
      ...commonSettings,
      replicas: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
      host: Type.Optional(
        Type.String({
          pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$',
          description: 'the public host name the Ingress serves, such as api.thoth-station.ninja',
        }),
      ),
    },
    { $id: 'ApiSettings' },
  ),
  scheduled: Strict(
    {
      ...commonSettings,
      schedule: Type.Optional(Type.String(format('cron-schedule'))),
      suspend: Type.Optional(Type.Boolean()),
    },
    { $id: 'ScheduledSettings' },
  ),
  workflows: Strict(commonSettings, { $id: 'WorkflowsSettings' }),
} satisfies Record<ComponentKind, TSchema>;

/** Schemas the environment schema refers to by $id; the validator must know them. */
export const REFERENCED_SCHEMAS: readonly TSchema[] = [Quantity, CpuMemory, LimitRangeSchema, ...Object.values(settingsByKind)];

export type ServiceSettings = Static<typeof settingsByKind.service>;
export type ApiSettings = Static<typeof settingsByKind.api>;
export type ScheduledSettings = Static<typeof settingsByKind.scheduled>;
export type WorkflowsSettings = Static<typeof settingsByKind.workflows>;

/** A component's settings, whatever its kind: the platform's components say which each one takes. */
export type ComponentSettings = Partial<ServiceSettings & ApiSettings & ScheduledSettings & WorkflowsSettings>;

export type ComponentsSettings = { readonly [name: string]: ComponentSettings | undefined };

/** `components`: one key per component of the platform, each with the settings of its kind, and its own where it has some. */
function componentsSchema(components: Readonly<Record<string, ComponentEntry>>) {
  const settingsOf = (entry: ComponentEntry): TSchema =>
    entry.settings === undefined ? Type.Ref(settingsByKind[entry.kind]) : Strict({ ...settingsByKind[entry.kind].properties, ...entry.settings });
  return Type.Unsafe<ComponentsSettings>(
    Strict(Object.fromEntries(Object.entries(components).map(([name, entry]) => [name, Type.Optional(settingsOf(entry))])), {
      description: 'per-component switches and settings',
    }),
  );
}

export const Url = (description: string) => Type.String({ pattern: '^https?://[^\\s]+$', description });

/**
 * What every platform's environment file has: where its images come from, its namespaces, Argo CD,
 * secrets, network and monitoring. A platform adds its own keys (`Platform.environmentProperties`).
 */
function commonProperties(tiers: readonly string[]) {
  return {
    description: Type.String({ minLength: 1 }),
    kubernetesVersion: Type.Union(
      ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34'].map((version) => Type.Literal(version)),
      { description: 'the Kubernetes minor version the cluster runs, as a string ("1.30")' },
    ),
    images: Strict({
      registry: Type.String({
        pattern: '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$',
        description: 'the registry and path job images are pulled from, such as quay.io/thoth-station',
      }),
    }),
    namespaces: Type.Record(Type.String({ pattern: DNS_LABEL, maxLength: 63 }), namespaceSchema(tiers), {
      additionalProperties: false,
      minProperties: 1,
      description: 'namespace name → the tiers it holds, its quota and limits',
    }),
    limitRange: Type.Ref(LimitRangeSchema),
    argocd: Strict({
      namespace: Name('the namespace Argo CD runs in'),
      project: Name('the AppProject of this environment'),
      repoURL: Url('the Git repository Argo CD reads generated/ from'),
      targetRevision: Type.String({ minLength: 1, description: 'the branch, tag or commit Argo CD syncs' }),
      destinationServer: Url('the API server Applications deploy to'),
      notifications: Type.Optional(
        Strict(
          {
            service: Name('the argocd-notifications service, such as googlechat or slack'),
            recipient: Type.String({ minLength: 1, description: 'the channel or webhook name the service posts to' }),
          },
          { description: 'post a message when an Application syncs and when a sync fails' },
        ),
      ),
      syncPolicy: Strict({
        automated: Type.Boolean({ description: 'sync on every change (false: a person syncs)' }),
        prune: Type.Optional(Type.Boolean({ description: 'delete objects removed from git (needs automated: true)' })),
        selfHeal: Type.Optional(Type.Boolean({ description: 'undo changes made in the cluster (needs automated: true)' })),
      }),
    }),
    secrets: Strict({
      storeKind: Type.Union([Type.Literal('ClusterSecretStore'), Type.Literal('SecretStore')]),
      storeName: Name('the external-secrets store that holds this environment’s secrets'),
      keyPrefix: Type.String({
        pattern: '^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$',
        description: 'the path under which the store keeps this environment’s secrets, such as thoth/prod',
      }),
      refreshInterval: Type.String({ pattern: '^([0-9]+(s|m|h))+$', description: 'a duration such as 1h or 15m' }),
    }),
    network: Strict({
      ingressClassName: Name('the IngressClass that serves the public APIs'),
      tlsClusterIssuer: Type.Optional(Name('the cert-manager ClusterIssuer of the APIs’ certificates (none: no TLS)')),
      ingressNamespace: Name('the namespace of the ingress controller that reaches the APIs'),
      monitoringNamespace: Name('the namespace of the Prometheus that scrapes /metrics'),
      apiServerCidrs: Type.Array(Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$', description: 'an IPv4 CIDR such as 10.0.0.1/32' }), {
        minItems: 1,
        uniqueItems: true,
        description: 'where the Kubernetes API server answers (NetworkPolicy egress)',
      }),
    }),
    monitoring: Strict(
      {
        ruleLabels: LabelMap('labels of the PrometheusRules, which the Prometheus ruleSelector matches'),
        serviceMonitorLabels: LabelMap('labels of the ServiceMonitors, which the Prometheus serviceMonitorSelector matches'),
        runbookUrl: Url('the runbook document; each alert links to its section'),
        grafana: Strict({
          instanceLabels: LabelMap('labels of the Grafana instance(s) the grafana-operator loads the dashboards into'),
          folder: Type.String({ minLength: 1, description: 'the Grafana folder of the dashboards' }),
        }),
        alerts: Type.Optional(
          Type.Record(
            Type.String({ pattern: '^[A-Z][A-Za-z0-9]+$', description: 'an alert name' }),
            Strict({
              for: Type.Optional(Type.String({ pattern: '^[0-9]+(s|m|h)$', description: 'a duration such as 15m' })),
              threshold: Type.Optional(Type.Number({ description: 'the value the alert compares with' })),
              severity: Type.Optional(Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')])),
            }),
            { description: 'per-alert overrides of for, threshold and severity' },
          ),
        ),
      },
      { description: 'how Prometheus finds the rules and scrape targets' },
    ),
    logging: Strict({ json: Type.Boolean({ description: 'JSON logs (false: plain text)' }) }),
  };
}

/** What a platform's environment schema is made of. */
export interface EnvironmentShape {
  /** The platform's name: what an environment file's `platform` key says. */
  readonly name: string;
  /** Its components, by the key `components.<key>` switches and tunes. */
  readonly components: Readonly<Record<string, ComponentEntry>>;
  /** Its tiers: the groups of components a namespace holds. */
  readonly tiers: readonly string[];
  /** The keys its environment files have besides the common ones. */
  readonly environmentProperties: TProperties;
}

/** The environment schema of a platform: the common keys, its own, and its components. */
export function environmentSchema(shape: EnvironmentShape) {
  return Strict({
    platform: Type.Literal(shape.name, { description: 'the platform this environment runs' }),
    ...commonProperties(shape.tiers),
    ...shape.environmentProperties,
    components: componentsSchema(shape.components),
  });
}

const CommonSchema = Strict(commonProperties([]));
type CommonSpec = Static<typeof CommonSchema>;
type NamespaceSpec = CommonSpec['namespaces'][string];

/** The common part of an environment file's content, after validation, with the platform's tiers. */
export type PlatformEnvironmentSpec<T extends string = string> = Omit<CommonSpec, 'namespaces'> & {
  /** The platform it runs, as its file names it. */
  readonly platform: string;
  readonly namespaces: { readonly [name: string]: Omit<NamespaceSpec, 'tiers'> & { readonly tiers: T[] } };
  readonly components: ComponentsSettings;
};

/** A validated environment, as every platform has it: its name comes from its file name. */
export type PlatformEnvironment<T extends string = string> = PlatformEnvironmentSpec<T> & { readonly name: string };

export type Quota = Static<typeof QuotaSchema>;
export type LimitRange = Static<typeof LimitRangeSchema>;
export type QuantityValue = string | number;
