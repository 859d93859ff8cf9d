/**
 * The third-party stacks a Ryax environment may install, each an Argo CD Application of its upstream
 * chart (components/ryax/stacks/): the ryax-engine chart's dependencies Traefik, kube-prometheus-stack
 * and Tempo (ryax-inventory.md §2), and the worker chart's Loki with its log collector (Alloy), for
 * the worker of an engine whose own cluster is a site. Its `prod` preset installs the three, its
 * `minimal` one Traefik only.
 */
export const RYAX_STACKS = ['traefik', 'kube-prometheus-stack', 'tempo', 'logs'] as const;
export type RyaxStack = (typeof RYAX_STACKS)[number];
/** A site's (components/ryax/worker/environment.ts): Traefik, and the logs stack (Loki and Alloy). */
export type SiteStack = 'traefik' | 'logs';

/** Whether the environment installs `stack`. */
export const installs = (env: { readonly stacks?: readonly string[] }, stack: RyaxStack | SiteStack): boolean => (env.stacks ?? []).includes(stack);

/**
 * kube-prometheus-stack's release. Its objects are named after it (it contains the chart's name,
 * templates/_helpers.tpl#L14-L25 of prometheus-community/helm-charts@kube-prometheus-stack-81.6.9) and
 * the chart labels its own ServiceMonitors and PrometheusRules `release: <release>` (_helpers.tpl#L82).
 */
export const KUBE_PROMETHEUS_STACK_RELEASE = 'kube-prometheus-stack';
/**
 * The labels its Prometheus selects ServiceMonitors and rules by: exactly those the chart's own carry,
 * or it would stop watching itself.
 */
export const KUBE_PROMETHEUS_STACK_LABELS: Readonly<Record<string, string>> = { release: KUBE_PROMETHEUS_STACK_RELEASE };
