/** A rendered Kubernetes object and how it is named and written in generated/. */
import type { ImageContract } from '../contracts/model.js';
import type { ResolvedAlert } from '../platform/alerts.js';
import { SYNC_WAVE_ANNOTATION } from '../platform/metadata.js';
import { objectYaml } from './yaml.js';
import type { ChartApplication } from './platform.js';

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

export interface RenderedObject {
  readonly manifest: Manifest;
  /** The Argo CD application folder it is written to. */
  readonly application: string;
  /** Its file, relative to generated/<env>/. */
  readonly file: string;
  /** The construct that created it, to find it in the code. */
  readonly constructPath: string;
}

export interface RenderedApplication {
  readonly name: string;
  /** The application's sync wave among the environment's applications. */
  readonly wave: number;
  /** The namespace its Argo CD Application deploys to by default. */
  readonly namespace: string;
  /**
   * Whether it writes outside the environment's namespaces (into a shared operator's namespace) and so
   * gets an AppProject of its own, limited to the kinds it renders there.
   */
  readonly ownProject?: boolean;
  readonly objects: readonly RenderedObject[];
}

/** The API group of an apiVersion: `apps` of apps/v1, empty for the core group's v1. */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** The Argo CD sync wave of an object (0 when it has none). */
export function syncWaveOf(manifest: Manifest): number {
  return Number(manifest.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? '0');
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object: how reports name an object. */
export function objectTitle(ref: { readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return ref.namespace === undefined ? `${ref.kind} ${ref.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** Every object of an environment, across its applications. */
export function objectsOf(env: RenderedEnvironment): RenderedObject[] {
  return env.applications.flatMap((application) => application.objects);
}

export interface RenderedEnvironment {
  readonly name: string;
  /** The Kubernetes minor version its cluster runs ("1.30"), for the deprecation check. */
  readonly kubernetesVersion?: string;
  /** The tags of this repository's job images it was rendered with, to tell them from other images of the same name. */
  readonly jobImages?: ReadonlyMap<string, string>;
  readonly applications: readonly RenderedApplication[];
  /** The third-party charts it installs as Applications of their own (their objects are not rendered here). */
  readonly chartApplications?: readonly ChartApplication[];
  /** The components its file switches off (`components.<name>.enabled: false`), to say why an object is missing. */
  readonly switchedOff?: readonly string[];
  /** The alerts rendered, with their test series (kept in memory for the alert unit tests). */
  readonly alerts?: readonly ResolvedAlert[];
  /** The contracts of the images its platform runs (validate holds each container to its image's). */
  readonly imageContracts?: readonly ImageContract[];
}

/**
 * `<kind>_<name>.yaml` for cluster-scoped objects, `<kind>_<namespace>_<name>.yaml` for namespaced
 * ones: stable (it depends on the object alone) and unique within an application, since "_" appears
 * in no Kubernetes name.
 */
export function fileNameOf(manifest: Manifest): string {
  const kind = manifest.kind.toLowerCase();
  const namespace = manifest.metadata.namespace;
  return namespace === undefined ? `${kind}_${manifest.metadata.name}.yaml` : `${kind}_${namespace}_${manifest.metadata.name}.yaml`;
}

/** The bytes of one object's file: byte-identical for the same object on any machine. */
export function serialize(object: RenderedObject): string {
  const header = `# Rendered by thoth-gitops from ${object.constructPath}. Edit the code, not this file.\n`;
  return header + objectYaml(object.manifest);
}

/** The objects an environment rendered, over all its applications. */
export function countObjects(env: RenderedEnvironment): number {
  return env.applications.reduce((sum, application) => sum + application.objects.length, 0);
}
