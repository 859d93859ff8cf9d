/**
 * The tag of each Thoth image the components run, unless an environment pins another
 * (`components.<name>.imageTag`): the reference deployment's, until the image is built here
 * (docs/quirks.md Q2). One line per image, so a bump is one line.
 */
import type { Environment } from './shared/environment.js';
import { registryImage } from '../src/platform/images.js';

export const THOTH_IMAGE_TAGS = {
  adviser: 'v0.56.3',
  'amun-api': 'v0.10.6',
  'amun-inspect-hwinfo': 'v0.1.2',
  'buildlog-parser': 'v0.1.0',
  'graph-sync-job': 'v0.11.1',
  'integration-tests': 'v0.11.5',
  'kebechet-job': 'v1.11.2',
  'management-api': 'v0.18.11',
  messaging: 'v0.16.2',
  'metrics-exporter': 'v0.21.4',
  mi: 'v2.10.6',
  'package-extract': 'v1.3.1',
  'prescriptions-refresh-job': 'v0.8.0',
  'purge-job': 'v0.1.0',
  revsolver: 'v0.2.13',
  'si-aggregator': 'v0.2.0',
  'si-bandit': 'v0.2.1',
  'si-cloc': 'v0.2.0',
  'slo-reporter': 'v0.19.3',
  'user-api': 'v0.35.10',
  'workflow-helpers': 'v0.9.16',
} as const;

export type ThothImageName = keyof typeof THOTH_IMAGE_TAGS;

/** The image `name` from the environment's registry, at its tag here or the one the environment pins. */
export function thothImageOf(env: Environment, name: ThothImageName, settings?: { imageTag?: string }): string {
  return registryImage(env, name, THOTH_IMAGE_TAGS[name], settings);
}
