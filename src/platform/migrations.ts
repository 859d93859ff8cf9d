/**
 * This repository's knowledge-graph migrations run before its programs start: each program's image
 * has a `migrate` command, run as an init container of the pod, so a new version never meets a graph
 * without the tables it owns. The reference tables are alembic's (the graph-schema-update job);
 * `migrate` refuses to run on a graph alembic has not created. Concurrent runs are serialised by an
 * advisory lock, and a run on an up-to-date graph changes nothing.
 */
import type { Environment } from '../config/schema.js';
import type { ImageContract } from '../contracts/model.js';
import { Env } from './env.js';

export function migrationStep(environment: Environment, contract: ImageContract) {
  return { name: 'migrate', args: ['migrate'], environment: Env.for(environment, contract, 'migrate').knowledgeGraph().common() } as const;
}
