/**
 * Containers of workflow steps, with the same restricted defaults as every other pod of the
 * platform. Written as plain JSON: a WorkflowTemplate is not a cdk8s-typed object.
 */
import type { k8s } from 'cdk8s-plus-28';
import { RESTRICTED_CONTAINER_SECURITY, restrictedPodSecurity, type Resources } from '../pod.js';

export const RESTRICTED_POD_SECURITY = restrictedPodSecurity();

export interface ArgoContainerProps {
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** The directory the command runs in. */
  readonly workingDir?: string;
  readonly env: readonly k8s.EnvVar[];
  readonly resources: Resources;
  readonly volumeMounts: readonly k8s.VolumeMount[];
  /** Replaces the restricted container security context (only where the namespace is baseline). */
  readonly securityContext?: object;
}

export function argoContainer(props: ArgoContainerProps) {
  const text = (value: string | number) => String(value);
  return {
    name: 'main',
    image: props.image,
    imagePullPolicy: 'IfNotPresent' as const,
    ...(props.command === undefined ? {} : { command: [...props.command] }),
    ...(props.args === undefined ? {} : { args: [...props.args] }),
    ...(props.workingDir === undefined ? {} : { workingDir: props.workingDir }),
    ...(props.env.length === 0 ? {} : { env: [...props.env] }),
    resources: {
      requests: { cpu: text(props.resources.requests.cpu), memory: text(props.resources.requests.memory) },
      limits: { cpu: text(props.resources.limits.cpu), memory: text(props.resources.limits.memory) },
    },
    securityContext: props.securityContext ?? RESTRICTED_CONTAINER_SECURITY,
    volumeMounts: [...props.volumeMounts],
  };
}
