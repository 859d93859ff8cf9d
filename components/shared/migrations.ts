/**
 * This repository's knowledge-graph migrations run before its programs start: each program's image
 * has a `migrate` command, run as an init container of the pod, so a new version never meets a graph
 * without the tables it owns. The reference tables are alembic's (the graph-schema-update job);
 * `migrate` refuses to run on a graph alembic has not created. Concurrent runs are serialised by an
 * advisory lock, and a run on an up-to-date graph changes nothing.
 */
import type { ImageContract } from '../../src/contracts/model.js';
import type { StartStep } from '../../src/platform/program-containers.js';
import { thothEnv } from './env.js';
import type { Environment } from './environment.js';

export function migrationStep(environment: Environment, contract: ImageContract): StartStep {
  return { name: 'migrate', args: ['migrate'], environment: thothEnv(environment, contract, 'migrate').knowledgeGraph().common() };
}
