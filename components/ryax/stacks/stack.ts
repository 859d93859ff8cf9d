/**
 * What the third-party charts of a Ryax environment share (Traefik, kube-prometheus-stack, Tempo):
 * each is an Argo CD Application of the upstream chart at the version the ryax-engine chart locks
 * (RyaxTech/ryax-engine@9dc81bf:charts/ryax/Chart.lock), with values made here from the environment.
 * Helm merges these values over the chart's own values.yaml, so a key this repository does not set
 * keeps the chart's default.
 */
import type { ChartApplication } from '../../../src/synth/platform.js';

/** A chart at a pinned version, as an Argo CD Application's source names it. */
export type PinnedChart = ChartApplication['chart'];

/** A container's requests and limits (Kubernetes' ResourceRequirements; every chart passes it through). */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/**
 * The pod-level fields the restricted Pod Security Standard requires. Merged over a chart's own pod
 * security context, whose user and group ids stay the image's.
 */
export const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } as const;
export type RestrictedPod = typeof RESTRICTED_POD;

/** The container-level fields the restricted Pod Security Standard requires, and a read-only root file system. */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
} as const;
export type RestrictedContainer = typeof RESTRICTED_CONTAINER;
