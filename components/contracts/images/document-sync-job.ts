/**
 * thoth-station/document-sync-job at v0.4.0: copies the result documents of this deployment
 * (analysis-by-digest/, analysis/, solver/<solver> under <THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/
 * of THOTH_CEPH_BUCKET) that are missing at the destination s3://<bucket>/<prefix> to another
 * S3-compatible store, one way, by key only.
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.36.6, thoth-storages 0.73.5, boto3 1.26.16 / botocore
 * 1.29.16, click 8.1.3, importlib-metadata 5.1.0, prometheus-client 0.15.0; built by s2i on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1.
 *
 * Two S3 clients: the source is built from thoth-storages' CephStore settings (endpoint, key, secret,
 * bucket; the region CephStore reads is not passed on); the destination is `boto3.client("s3",
 * endpoint_url=--s3-url)` with botocore's default credential chain: no THOTH_* variable carries its
 * credentials.
 */
import { clickFlag, defineContract, integer, pattern, readPath, text, url } from '../../../src/contracts/model.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/document-sync-job@v0.4.0';
const BOTOCORE = 'boto/botocore@1.29.16';

export const DOCUMENT_SYNC_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/document-sync-job',
  tags: ['v0.4.0'],
  source: REPO,
  summary:
    'CronJob (click command `sync`, console script document-sync-job): lists source and destination keys per document group, copies the missing ones (GetObject streamed into upload_fileobj) with a thread pool and pushes thoth_document_sync_job_info and the counter thoth_document_sync_job{sync_type,result_type} to the Pushgateway (job document-sync-job) when PROMETHEUS_PUSHGATEWAY_URL is set. A ClientError while listing ends the sync early but the job exits 0; missing destination credentials (NoCredentialsError) stop it.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['document-sync-job']],
    source: `${REPO}:pyproject.toml#L9-L10`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_IMPORT,
    ...THOTH_STORAGES_CEPH,
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description: 'os.environ[...] at import: second part of the source prefix and env label of the metrics.',
      source: `${REPO}:thoth/document_sync/app.py#L57`,
    },
    THOTH_CEPH_BUCKET_PREFIX: {
      form: text(),
      default: '',
      description: 'First part of the source prefix (<prefix>/<deployment>/); read here with os.getenv and an empty default.',
      source: `${REPO}:thoth/document_sync/app.py#L133`,
    },
    THOTH_CEPH_REGION: {
      form: text(),
      description:
        'Read by CephStore but not given to the source client: no effect. Both clients take their region from AWS_DEFAULT_REGION or the AWS config file.',
      source: 'thoth-station/storages@v0.73.5:thoth/storages/ceph.py#L53',
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: url('http', 'https'),
      description: 'Pushgateway address; metrics are pushed only when it is set. A push error is not caught: the job then fails after the sync.',
      source: `${REPO}:thoth/document_sync/app.py#L58`,
    },
    THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS: {
      form: text(),
      default: '',
      description:
        'Whitespace-separated solver names (newlines work, e.g. the solvers ConfigMap); each adds the group solver/<name>. Empty: only the analysis groups are synced.',
      source: `${REPO}:thoth/document_sync/app.py#L59`,
    },
    THOTH_DOCUMENT_SYNC_DST: {
      form: pattern('^s3://[^/]+/(.*/)?$', 's3://<bucket>/ or s3://<bucket>/<prefix>/ (prefix ending with /)'),
      required: true,
      description:
        'click envvar of the DST argument (required: usage error, exit 2, without it): s3://<bucket>/<prefix>, split by the regex s3://([^/]*)/(.*). The prefix is concatenated verbatim with each relative key (e.g. analysis/<id>), so it must be empty or end with "/": s3://thoth/data writes dataanalysis/<id>. No deployment name is added.',
      source: `${REPO}:thoth/document_sync/app.py#L113-L115`,
    },
    THOTH_DOCUMENT_SYNC_CONCURRENCY: {
      form: integer({ min: 1 }),
      default: '16',
      description: 'click envvar of --concurrency: copy threads (ThreadPoolExecutor max_workers; 0 raises ValueError).',
      source: `${REPO}:thoth/document_sync/app.py#L98-L104`,
    },
    THOTH_DOCUMENT_SYNC_FORCE: {
      form: clickFlag(),
      description: 'click envvar of --force: accepted but unused at this version.',
      source: `${REPO}:thoth/document_sync/app.py#L95-L97`,
    },
    THOTH_SYNC_DEBUG: {
      form: clickFlag(),
      description: 'click envvar of --debug: debug logging for thoth.document_sync (note: not THOTH_DOCUMENT_SYNC_DEBUG).',
      source: `${REPO}:thoth/document_sync/app.py#L94`,
    },
    AWS_S3_ENDPOINT_URL: {
      form: url('http', 'https'),
      description:
        'click envvar of --s3-url: endpoint of the DESTINATION store. Unset means AWS S3 (botocore 1.29 reads no standard endpoint variable), so a Ceph/MinIO/other destination needs it.',
      source: `${REPO}:thoth/document_sync/app.py#L105-L111`,
    },
    AWS_ACCESS_KEY_ID: {
      form: text(),
      description:
        'Destination access key (botocore environment credentials, with AWS_SECRET_ACCESS_KEY). The destination needs credentials from these two variables or from the shared credentials file (~/.aws/credentials, i.e. /opt/app-root/src/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE). The source client has explicit keys and ignores them.',
      source: `${BOTOCORE}:botocore/credentials.py#L1065`,
    },
    AWS_SECRET_ACCESS_KEY: {
      form: text(),
      description: 'Destination secret key (botocore environment credentials, with AWS_ACCESS_KEY_ID).',
      source: `${BOTOCORE}:botocore/credentials.py#L1066`,
    },
    AWS_SESSION_TOKEN: {
      form: text(),
      description: 'Destination session token for temporary credentials (AWS_SECURITY_TOKEN is also read).',
      source: `${BOTOCORE}:botocore/credentials.py#L1069`,
    },
    AWS_SHARED_CREDENTIALS_FILE: {
      form: readPath(),
      default: '~/.aws/credentials',
      description: 'Shared credentials file for the destination (HOME is /opt/app-root/src in the image).',
      source: `${BOTOCORE}:botocore/configprovider.py#L58-L63`,
    },
    AWS_CONFIG_FILE: {
      form: readPath(),
      default: '~/.aws/config',
      description: 'AWS config file (profiles, region); applies to both clients.',
      source: `${BOTOCORE}:botocore/configprovider.py#L54`,
    },
    AWS_PROFILE: {
      form: text(),
      description: 'Profile of the credentials/config files used for the destination (AWS_DEFAULT_PROFILE is also read).',
      source: `${BOTOCORE}:botocore/configprovider.py#L51`,
    },
    AWS_DEFAULT_REGION: {
      form: text(),
      description: 'Region of both clients (none by default).',
      source: `${BOTOCORE}:botocore/configprovider.py#L52`,
    },
    AWS_CA_BUNDLE: {
      form: readPath(),
      description: "CA bundle for both clients' TLS verification.",
      source: `${BOTOCORE}:botocore/configprovider.py#L55`,
    },
    AWS_ROLE_ARN: {
      form: text(),
      description: 'With AWS_WEB_IDENTITY_TOKEN_FILE: assume-role-with-web-identity credentials for the destination (e.g. EKS IRSA).',
      source: `${BOTOCORE}:botocore/credentials.py#L1708`,
    },
    AWS_WEB_IDENTITY_TOKEN_FILE: {
      form: readPath(),
      description: 'With AWS_ROLE_ARN: the projected token file.',
      source: `${BOTOCORE}:botocore/credentials.py#L1706`,
    },
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  arguments: {
    flags: {
      '--debug': { form: 'switch', description: 'Debug logging (THOTH_SYNC_DEBUG).', source: `${REPO}:thoth/document_sync/app.py#L94` },
      '--force': { form: 'switch', description: 'Unused (THOTH_DOCUMENT_SYNC_FORCE).', source: `${REPO}:thoth/document_sync/app.py#L95-L97` },
      '--concurrency': {
        form: integer({ min: 1 }),
        description: 'Copy threads (THOTH_DOCUMENT_SYNC_CONCURRENCY).',
        source: `${REPO}:thoth/document_sync/app.py#L98-L104`,
      },
      '--s3-url': {
        form: url('http', 'https'),
        description: 'Destination endpoint (AWS_S3_ENDPOINT_URL).',
        source: `${REPO}:thoth/document_sync/app.py#L105-L111`,
      },
      '--dry-run': { form: 'switch', description: 'Only log what would be copied.', source: `${REPO}:thoth/document_sync/app.py#L112` },
    },
    unknownFlags: 'error',
  },
  limitations: [
    {
      rule: 'contract/image',
      message:
        'v0.4.0 moved the program into the package thoth/document_sync with only a pyproject.toml console script (document-sync-job): the repository has no app.sh, app.py, setup.py or setup.cfg, its Pipfile.lock does not list the project, and the s2i assemble of its base image installs the project only when setup.py or setup.cfg exists. So the s2i run script finds nothing to run ("don\'t know how to run your application", exit 1), the console script is not installed, and the module itself needs the installed distribution (importlib_metadata.version("document-sync-job") at import) and has no __main__. Derived from the build recipe at the tag, not from the pushed image: check the image before relying on it',
      source: `${REPO}:thoth/document_sync/app.py#L51`,
    },
  ],
});
