/**
 * The contracts of the images the Ryax platform runs, one file each. The micro-services' are read from
 * the public Helm charts at RyaxTech/ryax-engine@9dc81bf (ryax-engine and ryax-worker 26.4.0, images
 * docker.io/ryaxtech/<name>:26.4.0): their own source is not public, so each holds what the chart gives
 * the container and what the chart and its docs say it means (chart.ts). The third-party images are
 * read from their own sources at the tags the platform runs (postgres 18, postgres-exporter v0.18.1,
 * MinIO the filestore, the registry, and kubectl, which restarts it for its garbage collection).
 */
import type { ImageContract } from '../../../src/contracts/model.js';
import { RYAX_ACTION_BUILDER_CONTRACT } from './action-builder.js';
import { RYAX_AUTHORIZATION_CONTRACT } from './authorization.js';
import { RYAX_FRONT_CONTRACT } from './front.js';
import { RYAX_KUBECTL_CONTRACT } from './kubectl.js';
import { RYAX_MINIO_CONTRACT } from './minio.js';
import { RYAX_POSTGRES_EXPORTER_CONTRACT } from './postgres-exporter.js';
import { RYAX_POSTGRES_CONTRACT } from './postgres.js';
import { RYAX_REGISTRY_CONTRACT } from './registry.js';
import { RYAX_REPOSITORY_CONTRACT } from './repository.js';
import { RYAX_RUNNER_CONTRACT } from './runner.js';
import { RYAX_STUDIO_CONTRACT } from './studio.js';
import { RYAX_WORKER_CONTRACT } from './worker.js';

/** The Ryax images' contracts. */
export const RYAX_IMAGE_CONTRACTS: readonly ImageContract[] = [
  RYAX_ACTION_BUILDER_CONTRACT,
  RYAX_AUTHORIZATION_CONTRACT,
  RYAX_FRONT_CONTRACT,
  RYAX_KUBECTL_CONTRACT,
  RYAX_MINIO_CONTRACT,
  RYAX_POSTGRES_CONTRACT,
  RYAX_POSTGRES_EXPORTER_CONTRACT,
  RYAX_REGISTRY_CONTRACT,
  RYAX_REPOSITORY_CONTRACT,
  RYAX_RUNNER_CONTRACT,
  RYAX_STUDIO_CONTRACT,
  RYAX_WORKER_CONTRACT,
];
