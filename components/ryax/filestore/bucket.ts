/**
 * The filestore's bucket, made sure of before the services start: the chart creates no bucket (its
 * MinIO values set neither defaultBuckets nor provisioning, RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L85-L112),
 * and a MinIO server has no setting that creates one (its configuration file holds credentials,
 * addresses and pools only, minio/minio@RELEASE.2025-09-07T16-13-09Z:internal/config/server.go#L38-L62).
 * So `mc mb --ignore-existing` from the server's own image runs in an Argo CD PreSync Job of the
 * services' application, as the datastore's databases are made sure of: idempotent (an existing bucket
 * is no error, minio/mc@RELEASE.2025-08-13T08-35-41Z:cmd/client-s3.go#L1444-L1451), retried until the
 * server answers, and with the very address, user and password the services read, so a wrong key
 * fails the sync rather than the services.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { objectLabels, PRESYNC_JOB_ANNOTATIONS } from '../../../src/platform/metadata.js';
import { podTemplate } from '../../../src/platform/pod.js';
import { RYAX_MINIO_CONTRACT } from '../contracts/minio.js';
import { FILESTORE_BUCKET } from '../shared/env.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import { FILESTORE_IMAGE, FILESTORE_SERVICE, MINIO_UID, ROOT_CREDENTIAL_KEYS } from './index.js';

/** The name mc knows the filestore by: MC_HOST_<alias> gives it whole (cmd/config.go#L326-L331). */
const ALIAS = 'filestore';

/** The bucket step: mc's command and arguments, as the Job runs them. */
export const BUCKET_COMMAND = ['/usr/bin/mc'] as const;
export const BUCKET_ARGS = ['mb', '--ignore-existing', `${ALIAS}/${FILESTORE_BUCKET}`] as const;

export interface FilestoreBucketProps {
  readonly env: RyaxEnvironment;
  /** The services' namespace, where ryax-minio-secret is (the backbone shares it). */
  readonly namespace: string;
  /** The filestore's image tag, when the environment pins another (`components.filestore.imageTag`). */
  readonly imageTag?: string;
}

export class FilestoreBucket extends Construct {
  constructor(scope: Construct, id: string, props: FilestoreBucketProps) {
    super(scope, id);
    const { namespace } = props;
    const name = `${FILESTORE_SERVICE}-bucket`;
    const labels = objectLabels(FILESTORE_SERVICE, 'bucket');
    const secret = RYAX_SECRETS.filestore.name;
    const environment = Env.for(RYAX_MINIO_CONTRACT, 'client')
      .secretToExpand('FILESTORE_ADDRESS', secret, 'filestore')
      .secretToExpand('FILESTORE_ACCESS_KEY', secret, ROOT_CREDENTIAL_KEYS.user)
      .secretToExpand('FILESTORE_SECRET_KEY', secret, ROOT_CREDENTIAL_KEYS.password)
      // The keys are taken raw up to the first ":" and the last "@" (cmd/config.go#L214, L231-L238): no escaping.
      .literal(`MC_HOST_${ALIAS}`, 'http://$(FILESTORE_ACCESS_KEY):$(FILESTORE_SECRET_KEY)@$(FILESTORE_ADDRESS)');
    new k8s.KubeJob(this, 'Job', {
      metadata: {
        name,
        namespace,
        labels,
        annotations: { ...PRESYNC_JOB_ANNOTATIONS },
      },
      spec: {
        // The server may still be starting: new pods 10 s, 20 s, 40 s, ... apart, for ten minutes at most.
        backoffLimit: 6,
        activeDeadlineSeconds: 600,
        template: podTemplate({
          labels,
          runAsUser: MINIO_UID,
          restartPolicy: 'Never',
          containers: [
            {
              name: 'bucket',
              image: upstreamImage(FILESTORE_IMAGE.repository, FILESTORE_IMAGE.tag, props),
              // mc itself: through the entry point `mb` would become `minio mb` (docker-entrypoint.sh#L5-L8).
              command: BUCKET_COMMAND,
              args: BUCKET_ARGS,
              // mc writes its configuration to MC_CONFIG_DIR, /tmp/.mc in the image: the platform's /tmp.
              env: environment,
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
            },
          ],
        }),
      },
    });
  }
}
