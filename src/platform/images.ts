import type { PlatformEnvironment } from '../config/schema.js';

/**
 * An image of the platform, from the environment's registry, at the tag the environment pins or the
 * component's default tag.
 */
export function registryImage(env: PlatformEnvironment, name: string, defaultTag: string, settings?: { imageTag?: string }): string {
  return `${env.images.registry}/${name}:${settings?.imageTag ?? defaultTag}`;
}

/** A third-party image, pinned; the environment may pin another tag of the same image. */
export function upstreamImage(repository: string, defaultTag: string, settings?: { imageTag?: string }): string {
  return `${repository}:${settings?.imageTag ?? defaultTag}`;
}

/**
 * A job program built in this repository (src/images/), at the tag derived from its sources, so a
 * code change is a manifest change; the environment may pin another tag (a rollback).
 */
export function jobImage<N extends string>(env: PlatformEnvironment, images: ReadonlyMap<N, string>, name: N, settings?: { imageTag?: string }): string {
  const tag = settings?.imageTag ?? images.get(name);
  if (tag === undefined) throw new Error(`no image tag for the job program ${name}: src/images/plan.ts plans every program of JOB_PROGRAMS`);
  return `${env.images.registry}/${name}:${tag}`;
}
