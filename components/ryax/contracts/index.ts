/**
 * The contracts of the Ryax micro-service images, one file each, read from the public Helm charts at
 * RyaxTech/ryax-engine@9dc81bf (ryax-engine and ryax-worker 26.4.0, images docker.io/ryaxtech/<name>:26.4.0).
 * The services' own source is not public, so each contract holds what the chart gives the container
 * and what the chart and its docs say it means (chart.ts). The third-party images the chart runs
 * (postgres, minio, rabbitmq, registry, traefik) are not here.
 */
import type { ImageContract } from '../../../src/contracts/model.js';
import { RYAX_ACTION_BUILDER_CONTRACT } from './action-builder.js';
import { RYAX_AUTHORIZATION_CONTRACT } from './authorization.js';
import { RYAX_FRONT_CONTRACT } from './front.js';
import { RYAX_REPOSITORY_CONTRACT } from './repository.js';
import { RYAX_RUNNER_CONTRACT } from './runner.js';
import { RYAX_STUDIO_CONTRACT } from './studio.js';
import { RYAX_WORKER_CONTRACT } from './worker.js';

/** The Ryax images' contracts. */
export const RYAX_IMAGE_CONTRACTS: readonly ImageContract[] = [
  RYAX_ACTION_BUILDER_CONTRACT,
  RYAX_AUTHORIZATION_CONTRACT,
  RYAX_FRONT_CONTRACT,
  RYAX_REPOSITORY_CONTRACT,
  RYAX_RUNNER_CONTRACT,
  RYAX_STUDIO_CONTRACT,
  RYAX_WORKER_CONTRACT,
];
