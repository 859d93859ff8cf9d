import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { INSPECTION_ARTIFACTS } from './context.js';

/** amun-registry: the credentials of `amun.registry`, which the build pushes to and the inspection pulls from. */
export function addRegistrySecret(scope: Construct, env: Environment, namespace: string): ExternalSecret {
  return new ExternalSecret(scope, 'RegistrySecret', {
    env,
    name: 'amun-registry',
    namespace,
    keys: ['.dockerconfigjson'],
    owner: 'amun-inspection',
    type: 'kubernetes.io/dockerconfigjson',
  });
}

/** The artifact repository of inspections: the build and the run keep their outputs in the inspection's folder. */
export function addInspectionArtifactRepository(scope: Construct, env: Environment, namespace: string): void {
  const repository = {
    archiveLogs: false,
    s3: {
      bucket: env.s3.bucket,
      endpoint: new URL(env.s3.endpointUrl).host,
      keyFormat: `${env.s3.bucketPrefix}/${env.deploymentName}/inspections/{{workflow.name}}`,
      accessKeySecret: { name: 'argo-artifact-repository-secrets', key: 'accessKey' },
      secretKeySecret: { name: 'argo-artifact-repository-secrets', key: 'secretKey' },
    },
  };
  new k8s.KubeConfigMap(scope, 'ArtifactRepository', {
    metadata: { name: INSPECTION_ARTIFACTS, namespace, labels: objectLabels('amun-inspection', 'artifact-repository') },
    data: { default: `${JSON.stringify(repository, null, 2)}\n` },
  });
}
