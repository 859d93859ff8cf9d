/** Rules every rendered object follows, whatever made it. */
import { REQUIRED_LABELS } from '../platform/metadata.js';
import type { Manifest } from '../synth/manifest.js';
import { workloadProblems, type PodSecurityLevel } from './workload-policy.js';

/** Kinds that live outside namespaces; every other kind must name its namespace. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'ClusterIssuer',
  'ClusterWorkflowTemplate',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
]);

export interface PolicyProblem {
  readonly rule: string;
  readonly message: string;
}

/** `level`: the Pod Security Standard the object's namespace enforces. */
export function policyProblems(manifest: Manifest, level: PodSecurityLevel = 'restricted'): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const namespaced = !CLUSTER_SCOPED_KINDS.has(manifest.kind);
  if (namespaced && (manifest.metadata.namespace ?? '') === '') {
    problems.push({
      rule: 'policy/namespace',
      message: 'has no metadata.namespace; set it so the object never lands in whatever namespace a tool defaults to',
    });
  }
  if (!namespaced && manifest.metadata.namespace !== undefined) {
    problems.push({ rule: 'policy/namespace', message: `is cluster-scoped but sets metadata.namespace "${manifest.metadata.namespace}"; remove it` });
  }
  const labels = manifest.metadata.labels ?? {};
  const missing = REQUIRED_LABELS.filter((label) => (labels[label] ?? '') === '');
  if (missing.length > 0) {
    problems.push({
      rule: 'policy/labels',
      message: `lacks label(s) ${missing.join(', ')}; use objectLabels() from src/platform/metadata.ts in its construct`,
    });
  }
  if (
    manifest.kind === 'Secret' &&
    ['data', 'stringData'].some((field) => manifest[field] !== undefined && Object.keys(manifest[field] as object).length > 0)
  ) {
    problems.push({
      rule: 'policy/secret-data',
      message: 'carries secret data, which must never be in git; render an ExternalSecret (src/platform/external-secret.ts) instead',
    });
  }
  problems.push(...chartPinProblems(manifest), ...workloadProblems(manifest, level));
  return problems;
}

/** One version, never a range: Helm reads `targetRevision` as a semver constraint (`39.*`, `>=39`, `^39.0.0`). */
const EXACT_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A Helm chart's Application installs one version: what synced yesterday is what syncs today. */
function chartPinProblems(manifest: Manifest): PolicyProblem[] {
  if (manifest.kind !== 'Application' || !manifest.apiVersion.startsWith('argoproj.io/')) return [];
  const source = (manifest.spec as { source?: { chart?: string; targetRevision?: string } } | undefined)?.source;
  if (source?.chart === undefined || EXACT_VERSION.test(source.targetRevision ?? '')) return [];
  return [
    {
      rule: 'policy/pinned-chart',
      message: `installs chart ${source.chart} at targetRevision ${JSON.stringify(source.targetRevision ?? null)}, which is not one version; pin it exactly (e.g. 39.0.9), so a new release of the chart never syncs unreviewed`,
    },
  ];
}
