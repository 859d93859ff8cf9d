/**
 * Fields Kubernetes or a CRD does not know. kubernetes-models and the @kubernetes-models/*
 * validators check types, formats and required fields but let an unknown field through, and the
 * API server drops it without a word (a misspelt `imagePullPolicy` is no policy at all).
 */
import type { Manifest } from '../synth/manifest.js';
import { CRD_FIELDS } from './crd-fields.js';
import { unknownFields } from './field-trees.js';
import { K8S_FIELDS } from './k8s-fields.js';

/** `apps/v1` Deployment → V1Deployment, `autoscaling/v2` HorizontalPodAutoscaler → V2HorizontalPodAutoscaler (client-node's names). */
function modelName(apiVersion: string, kind: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

export function unknownFieldProblems(manifest: Manifest): string[] {
  const custom = CRD_FIELDS.kinds[`${manifest.apiVersion}/${manifest.kind}`];
  if (custom !== undefined) return unknownFields(manifest, custom, CRD_FIELDS, 'the CRD');
  const builtIn = K8S_FIELDS.kinds[modelName(manifest.apiVersion, manifest.kind)];
  if (builtIn !== undefined) return unknownFields(manifest, builtIn, K8S_FIELDS, `Kubernetes ${manifest.apiVersion}`);
  return [];
}
