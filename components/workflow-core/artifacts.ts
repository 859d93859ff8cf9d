/**
 * Where workflow steps keep their documents: the environment's S3 bucket, under
 * `<bucket prefix>/<deployment name>/<area>/<document id>` as the reference's steps did, and the
 * namespace's default Argo artifact repository for everything else.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IArtifact } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Artifact';
import { objectLabels } from '../../src/platform/metadata.js';
import type { Environment } from '../shared/environment.js';

export const ARTIFACT_REPOSITORIES = 'artifact-repositories';
const CREDENTIALS = 'argo-artifact-repository-secrets';

/** The S3 key of a document: area such as `adviser`, id an Argo expression such as `{{inputs.parameters.X}}`. */
export function documentKey(env: Environment, area: string, id: string): string {
  return `${env.s3.bucketPrefix}/${env.deploymentName}/${area}/${id}`;
}

/** The namespace's `artifact-repositories` ConfigMap, whose `default` entry Argo uses for every artifact. */
export class ArtifactRepository extends Construct {
  constructor(scope: Construct, id: string, props: { env: Environment; namespace: string }) {
    super(scope, id);
    const { env } = props;
    const endpoint = new URL(env.s3.endpointUrl);
    const repository = {
      archiveLogs: true,
      s3: {
        bucket: env.s3.bucket,
        endpoint: endpoint.host,
        insecure: endpoint.protocol === 'http:',
        keyFormat: `${env.s3.bucketPrefix}/${env.deploymentName}/argo/artifacts/{{workflow.name}}/{{pod.name}}`,
        accessKeySecret: { name: CREDENTIALS, key: 'accessKey' },
        secretKeySecret: { name: CREDENTIALS, key: 'secretKey' },
      },
    };
    new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: {
        name: ARTIFACT_REPOSITORIES,
        namespace: props.namespace,
        labels: objectLabels('argo-workflows', 'artifact-repository'),
        annotations: { 'workflows.argoproj.io/default-artifact-repository': 'default' },
      },
      data: { default: `${JSON.stringify(repository, null, 2)}\n` },
    });
  }
}

/** A document in the environment's S3 bucket, at `<prefix>/<deployment>/<area>/<id>`. */
export function documentArtifact(env: Environment, name: string, path: string, area: string, id: string, options: { optional?: boolean } = {}): IArtifact {
  return { name, path, s3: { key: documentKey(env, area, id) }, archive: { none: {} }, ...(options.optional ? { optional: true } : {}) };
}
