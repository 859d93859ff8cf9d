/** The labels and annotations every rendered object carries, and their keys in one place. */

export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  environment: 'thoth-station.ninja/environment',
  tier: 'thoth-station.ninja/tier',
} as const;

/** Labels the policy check requires on every object. */
export const REQUIRED_LABELS = [LABELS.name, LABELS.component, LABELS.partOf, LABELS.managedBy] as const;

export const MANAGED_BY = 'thoth-gitops';

/** On a Service: Prometheus scrapes its `metrics` port (the namespace's ServiceMonitor selects it). */
export const SCRAPE_LABEL = 'thoth-station.ninja/scrape';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/**
 * A Job Argo CD runs before every sync of its Application: replaced, not kept, on each sync (the
 * previous run is deleted before the next is created).
 */
export const PRESYNC_JOB_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/hook': 'PreSync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
};

/**
 * The labels that say what an object is part of: `name` is the component or building block that
 * made it (e.g. `graph-refresh`, `namespaces`), `component` its role there (e.g. `cronjob`, `quota`).
 */
export function objectLabels(name: string, component: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.component]: component };
}

/** The component label of every dashboard object (GrafanaDashboard or sidecar ConfigMap), which validate finds them by. */
export const DASHBOARD_COMPONENT = 'dashboard';
