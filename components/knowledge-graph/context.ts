import type { Environment } from '../shared/environment.js';

/** What each knowledge-graph workload is built from: the environment and the namespace they share. */
export interface KnowledgeGraphContext {
  readonly env: Environment;
  readonly namespace: string;
}

/** The unprivileged user the side services (exporter, console) run as. */
export const NOBODY = 65534;
