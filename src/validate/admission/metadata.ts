/**
 * What the API server refuses in an object's names and metadata, by kind, checked before a cluster
 * sees it: the object's name and namespace, label keys and values, annotation keys and their total
 * size, the labels of pod templates and selectors, and the names inside pods (containers, ports,
 * volumes) and ConfigMaps (data keys).
 */
import type { Manifest } from '../../synth/manifest.js';
import type { PolicyProblem } from '../policy.js';
import { podsOf, podTemplateOf } from '../workload-policy.js';
import {
  configMapKeyProblem,
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  labelValueProblem,
  MAX_ANNOTATIONS_BYTES,
  pathSegmentProblem,
  portNameProblem,
  qualifiedNameProblem,
} from './names.js';

type NameRule = (name: string) => string | undefined;

const atMost =
  (max: number, why: string): NameRule =>
  (name) =>
    name.length > max ? `is ${name.length} characters long; at most ${max} are allowed: ${why}` : undefined;

/** Kinds whose names follow another rule than a DNS-1123 subdomain (the default, also for custom resources). */
const NAME_RULES: Readonly<Record<string, readonly NameRule[]>> = {
  Namespace: [dns1123LabelProblem],
  Service: [dns1035LabelProblem],
  Role: [pathSegmentProblem],
  RoleBinding: [pathSegmentProblem],
  ClusterRole: [pathSegmentProblem],
  ClusterRoleBinding: [pathSegmentProblem],
  // The CronJob controller names each Job <name>-<11 characters of schedule time>.
  CronJob: [dns1123SubdomainProblem, atMost(52, 'the CronJob controller appends 11 characters to name its Jobs')],
  // Its pods carry the label job-name=<name>, a label value.
  Job: [dns1123SubdomainProblem, atMost(63, 'its pods carry the label job-name with the name as value')],
  // Its revisions are labelled controller-revision-hash=<name>-<10-character hash>, a label value.
  StatefulSet: [dns1123SubdomainProblem, atMost(52, 'its pods carry the label controller-revision-hash=<name>-<hash>, a label value of at most 63')],
};

const DATA_KINDS = new Set(['ConfigMap', 'Secret']);

export function metadataProblems(manifest: Manifest): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ rule, message });
  const { name, namespace, labels, annotations } = manifest.metadata;
  for (const rule of NAME_RULES[manifest.kind] ?? [dns1123SubdomainProblem]) {
    const problem = rule(name);
    if (problem !== undefined) add('admission/name', `metadata.name "${name}" ${problem}`);
  }
  if (namespace !== undefined) {
    const problem = dns1123LabelProblem(namespace);
    if (problem !== undefined) add('admission/name', `metadata.namespace "${namespace}" ${problem}`);
  }
  for (const message of labelProblems('metadata.labels', labels)) add('admission/labels', message);
  for (const message of annotationProblems(annotations)) add('admission/annotations', message);

  const template = podTemplateOf(manifest);
  for (const message of labelProblems('pod template labels', template?.metadata?.labels)) add('admission/labels', message);
  // A Service's selector is a map of labels; a workload's is a label selector with matchLabels.
  const selector = (manifest.spec as { selector?: Record<string, unknown> } | undefined)?.selector;
  const selected = (manifest.kind === 'Service' ? selector : selector?.matchLabels) as Record<string, string> | undefined;
  for (const message of labelProblems(manifest.kind === 'Service' ? 'spec.selector' : 'spec.selector.matchLabels', selected)) add('admission/labels', message);

  for (const { label, pod } of podsOf(manifest)) {
    for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const containerName = container.name ?? '';
      const problem = dns1123LabelProblem(containerName);
      if (problem !== undefined) add('admission/name', `${label}container name "${containerName}" ${problem}`);
      for (const port of (container as { ports?: { name?: string }[] }).ports ?? []) {
        const portProblem = port.name === undefined ? undefined : portNameProblem(port.name);
        if (portProblem !== undefined) add('admission/name', `${label}container ${containerName}: port name "${port.name}" ${portProblem}`);
      }
    }
    for (const volume of pod.volumes ?? []) {
      const problem = dns1123LabelProblem(volume.name);
      if (problem !== undefined) add('admission/name', `${label}volume name "${volume.name}" ${problem}`);
    }
  }

  if (DATA_KINDS.has(manifest.kind)) {
    for (const field of ['data', 'binaryData', 'stringData']) {
      for (const key of Object.keys((manifest[field] as Record<string, unknown> | undefined) ?? {})) {
        const problem = configMapKeyProblem(key);
        if (problem !== undefined) add('admission/name', `${field} key "${key}" ${problem}`);
      }
    }
  }
  return problems;
}

function labelProblems(where: string, labels: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(labels ?? {}).flatMap(([key, value]) => {
    const keyProblem = qualifiedNameProblem(key);
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
    return [
      ...(keyProblem === undefined ? [] : [`${where}: key "${key}" ${keyProblem}`]),
      ...(valueProblem === undefined ? [] : [`${where}: ${key}="${String(value)}" ${valueProblem}`]),
    ];
  });
}

function annotationProblems(annotations: Readonly<Record<string, string>> | undefined): string[] {
  const entries = Object.entries(annotations ?? {});
  const problems = entries.flatMap(([key]) => {
    const problem = qualifiedNameProblem(key);
    return problem === undefined ? [] : [`metadata.annotations: key "${key}" ${problem}`];
  });
  const bytes = entries.reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
  if (bytes > MAX_ANNOTATIONS_BYTES)
    problems.push(`metadata.annotations hold ${bytes} bytes; the API server allows at most ${MAX_ANNOTATIONS_BYTES} (256 KiB) per object`);
  return problems;
}
