import type { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { LimitRange, PlatformEnvironment, Quota, QuantityValue } from '../config/schema.js';
import { LABELS, objectLabels, SYNC_OPTIONS_ANNOTATION } from './metadata.js';

export interface TierNamespaceProps {
  readonly env: PlatformEnvironment;
  readonly name: string;
  /** The platform's tiers it holds: one is its tier label. */
  readonly tiers: readonly string[];
  /** What it holds, in words: its description annotation. */
  readonly description: string;
  readonly quota: Quota;
  readonly limitRange: LimitRange;
  /**
   * The Pod Security Standard enforced.
   * @default "restricted"
   */
  readonly podSecurity?: 'restricted' | 'baseline';
}

/**
 * A namespace for one or more tiers, with its ResourceQuota and LimitRange. Pods in it must meet the
 * restricted Pod Security Standard. Argo CD never prunes or deletes it: removing a namespace (and
 * everything in it) is a deliberate act, not a side effect of a sync.
 */
export class TierNamespace extends Construct {
  readonly namespace: ApiObject;

  constructor(scope: Construct, id: string, props: TierNamespaceProps) {
    super(scope, id);
    const labels = objectLabels('namespaces', 'namespace');
    const podSecurityVersion = `v${props.env.kubernetesVersion}`;
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...labels,
          ...(props.tiers.length === 1 ? { [LABELS.tier]: props.tiers[0]! } : {}),
          'pod-security.kubernetes.io/enforce': props.podSecurity ?? 'restricted',
          'pod-security.kubernetes.io/enforce-version': podSecurityVersion,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': podSecurityVersion,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': podSecurityVersion,
        },
        annotations: {
          'thoth-station.ninja/description': props.description,
          [SYNC_OPTIONS_ANNOTATION]: 'Prune=false,Delete=false',
        },
      },
    });

    const quota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
      metadata: { name: `${props.env.platform}-quota`, namespace: props.name, labels: objectLabels('namespaces', 'quota') },
      spec: { hard: quotaHard(props.quota) },
    });
    const limits = props.limitRange;
    const limitRange = new k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: `${props.env.platform}-limits`, namespace: props.name, labels: objectLabels('namespaces', 'limit-range') },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: cpuMemory(limits.defaultRequest),
            default: cpuMemory(limits.default),
            max: cpuMemory(limits.max),
          },
        ],
      },
    });
    quota.addDependency(this.namespace);
    limitRange.addDependency(this.namespace);
  }
}

function quantity(value: QuantityValue): k8s.Quantity {
  // Always a string: a bare YAML number is not a Quantity to every client.
  return k8s.Quantity.fromString(String(value));
}

function cpuMemory(value: { cpu: QuantityValue; memory: QuantityValue }): Record<string, k8s.Quantity> {
  return { cpu: quantity(value.cpu), memory: quantity(value.memory) };
}

function quotaHard(quota: Quota): Record<string, k8s.Quantity> {
  const hard: Record<string, k8s.Quantity> = {
    'requests.cpu': quantity(quota.cpu.requests),
    'limits.cpu': quantity(quota.cpu.limits),
    'requests.memory': quantity(quota.memory.requests),
    'limits.memory': quantity(quota.memory.limits),
  };
  if (quota.storage !== undefined) hard['requests.storage'] = quantity(quota.storage);
  if (quota.pods !== undefined) hard.pods = quantity(quota.pods);
  if (quota.persistentVolumeClaims !== undefined) hard.persistentvolumeclaims = quantity(quota.persistentVolumeClaims);
  if (quota.workflows !== undefined) hard['count/workflows.argoproj.io'] = quantity(quota.workflows);
  return hard;
}

/**
 * The namespace `name` as the environment declares it: the tiers it holds (each described by
 * `descriptions`), its quota, its limits (else the environment's) and its Pod Security level.
 */
export function declaredNamespace(
  scope: Construct,
  id: string,
  env: PlatformEnvironment,
  name: string,
  descriptions: Readonly<Record<string, string>>,
): TierNamespace {
  const settings = env.namespaces[name]!;
  return new TierNamespace(scope, id, {
    env,
    name,
    tiers: settings.tiers,
    description: settings.tiers.map((tier) => `${tier}: ${descriptions[tier]}`).join('; '),
    quota: settings.quota,
    limitRange: settings.limitRange ?? env.limitRange,
    ...(settings.podSecurity === undefined ? {} : { podSecurity: settings.podSecurity }),
  });
}
