/**
 * The images an environment runs, and the preflight's word on each that its registry does not
 * serve. A registry may be reached through a mirror (`quay.io=mirror.example:5000`), as a cluster
 * behind a pull-through cache or in an air gap pulls it: the repository path stays, the host changes.
 */
import { UserError } from '../errors.js';
import type { RenderedEnvironment } from '../synth/manifest.js';
import { objectsOf } from '../synth/manifest.js';
import { podsOf } from '../validate/workload-policy.js';
import { checkImages, DOCKER_HUB_HOST, formatImage, parseImageReference, type ImageCheck } from './registry.js';

/**
 * Every image reference the environment's containers, init containers and workflow steps name,
 * sorted; those holding an Argo expression (`{{...}}`) are known only when the workflow runs.
 */
export function imagesOf(env: RenderedEnvironment): string[] {
  const images = new Set<string>();
  for (const { manifest } of objectsOf(env)) {
    for (const { pod } of podsOf(manifest)) {
      for (const container of [...((pod.initContainers ?? []) as { image?: string }[]), ...((pod.containers ?? []) as { image?: string }[])]) {
        if (typeof container?.image === 'string') images.add(container.image);
      }
    }
  }
  return [...images].sort();
}

/** `registry=mirror` pairs, as `--registry-mirror` takes them; Docker Hub may be named docker.io. */
export function parseMirrors(pairs: readonly string[]): ReadonlyMap<string, string> {
  const mirrors = new Map<string, string>();
  for (const pair of pairs) {
    const match = /^([^=\s/]+)=([^=\s/]+)$/.exec(pair);
    if (match === null)
      throw new UserError(`--registry-mirror ${pair}: expected <registry>=<mirror>, hosts with an optional port, such as quay.io=mirror.example:5000`);
    const registry = match[1] === 'docker.io' || match[1] === 'index.docker.io' ? DOCKER_HUB_HOST : match[1]!;
    mirrors.set(registry, match[2]!);
  }
  return mirrors;
}

/** The reference the registry check asks for: the mirror's, when the image's registry has one. */
export function mirrored(reference: string, mirrors: ReadonlyMap<string, string>): string {
  if (mirrors.size === 0 || reference.includes('{{')) return reference;
  const image = parseImageReference(reference);
  const mirror = mirrors.get(image.registry);
  return mirror === undefined ? reference : formatImage({ ...image, registry: mirror });
}

export interface ImageProblem {
  readonly image: string;
  readonly message: string;
}

export interface ImagePreflightOptions {
  readonly mirrors: ReadonlyMap<string, string>;
  readonly insecureRegistries: readonly string[];
}

/**
 * Each image the environment runs that its registry (or mirror) does not serve, with what to do: a
 * job image of this repository is pushed by the images workflow; an upstream tag has to exist upstream.
 */
export async function imageProblems(env: RenderedEnvironment, options: ImagePreflightOptions): Promise<ImageProblem[]> {
  const images = imagesOf(env);
  const asked = images.map((image) => mirrored(image, options.mirrors));
  const checks = await checkImages(asked, { insecureRegistries: options.insecureRegistries });
  const byReference = new Map(checks.map((check) => [check.reference, check]));
  const problems: ImageProblem[] = [];
  images.forEach((image, index) => {
    const check = byReference.get(asked[index]!)!;
    if (check.status === 'present' || check.status === 'skipped') return;
    problems.push({ image, message: `${image}: ${describe(check, asked[index] !== image)}${hint(env, check)}` });
  });
  return problems;
}

function describe(check: ImageCheck, viaMirror: boolean): string {
  return viaMirror ? `${check.message} (through the mirror)` : check.message;
}

function hint(env: RenderedEnvironment, check: ImageCheck): string {
  if (check.status === 'unauthorized') return '; log in to the registry (docker login writes the credentials deploy reads)';
  if (check.status !== 'missing' || check.image === undefined) return '';
  const name = check.image.repository.split('/').at(-1)!;
  if (env.jobImages?.get(name) === check.image.tag) {
    return `; it is this repository's job image, built from generated/images/${name}/Dockerfile by the images workflow (.github/workflows/images.yml) when the commit reaches main`;
  }
  return '';
}
