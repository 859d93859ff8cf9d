/**
 * Where the logs stack (Loki, and the Alloy that ships logs to it) runs, and whose logs it takes: a
 * site's (components/ryax/worker/), or an engine's whose own cluster is a site too.
 */
import { namespaceOf } from '../../../src/config/environment.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import type { SiteEnvironment } from '../worker/environment.js';

/** An environment that may install the logs stack. */
export type LogsEnvironment = SiteEnvironment | RyaxEnvironment;

/** The namespace of Ryax's own containers, whose error lines are counted: a site's worker's, an engine's services'. */
export function ryaxNamespace(env: LogsEnvironment): string {
  return 'engine' in env ? namespaceOf(env, 'worker') : namespaceOf(env, 'services');
}

/**
 * A namespace of the stack's own, `<Ryax's namespace>-logs`, made by the environment's namespaces
 * application. Not the monitoring namespace: without kube-prometheus-stack that one is the cluster's
 * (its Prometheus, perhaps a node-exporter that needs the privileged Pod Security level), which a
 * stack namespace rendered here would take over and hold to baseline. The reference ran Loki in the
 * worker's release namespace (charts/worker/Chart.yaml of RyaxTech/ryax-engine@9dc81bf), among the
 * restricted, default-deny pods of Ryax's own namespace here.
 */
export function logsNamespace(env: LogsEnvironment): string {
  return `${ryaxNamespace(env)}-logs`;
}
