/**
 * Which operator serves each API group (and kind, where one group has two) the environments render,
 * so a preflight that finds a kind the cluster does not serve says what to install.
 */
import { apiGroupOf } from '../synth/manifest.js';

const OPERATORS: Readonly<Record<string, string>> = {
  'argoproj.io/Application': 'Argo CD',
  'argoproj.io/AppProject': 'Argo CD',
  'argoproj.io/Workflow': 'Argo Workflows',
  'argoproj.io/WorkflowTemplate': 'Argo Workflows',
  'argoproj.io/CronWorkflow': 'Argo Workflows',
  'external-secrets.io': 'the External Secrets Operator',
  'kafka.strimzi.io': 'Strimzi (its topic operator)',
  'monitoring.coreos.com': 'the Prometheus Operator',
  'grafana.integreatly.org': 'the Grafana Operator',
  'cert-manager.io': 'cert-manager',
};

/** The operator that serves `kind` of `apiVersion`; undefined for Kubernetes' own groups and unknown ones. */
export function operatorOf(apiVersion: string, kind: string): string | undefined {
  const group = apiGroupOf(apiVersion);
  return OPERATORS[`${group}/${kind}`] ?? OPERATORS[group];
}
