import type { Environment } from '../config/schema.js';

/**
 * A Thoth image from the environment's registry, at the tag the environment pins or the component's
 * default tag (the reference's, until the component's image is built here).
 */
export function thothImage(env: Environment, name: string, defaultTag: string, settings?: { imageTag?: string }): string {
  return `${env.images.registry}/${name}:${settings?.imageTag ?? defaultTag}`;
}

/** A third-party image, pinned; the environment may pin another tag of the same image. */
export function upstreamImage(repository: string, defaultTag: string, settings?: { imageTag?: string }): string {
  return `${repository}:${settings?.imageTag ?? defaultTag}`;
}
