/**
 * What thoth-storages reads from the environment, for the images that use it.
 *
 * Read at thoth-station/storages@v0.74.1 (pinned by integration-tests v0.11.5) and compared with v0.74.0
 * (metrics-exporter v0.21.4, reporter v0.11.3) and v0.73.0 (slo-reporter v0.19.3): the three tags read the
 * same variables with the same parsing (`git grep` of every os.getenv/os.environ under thoth/ gives the
 * same lines).
 *
 * Importing `thoth.storages` at all imports the graph adapter, the backup store and the sync helpers, so
 * THOTH_STORAGES_IMPORT is read by every image that imports the package (a non-integer there stops the
 * import); THOTH_STORAGES_GRAPH includes it. boto3 (under CephStore) also honours the standard AWS_*
 * variables and ~/.aws files; thoth-storages passes key, secret, region and endpoint explicitly, so they
 * are not declared.
 */
import { integer, pythonIntFlag, text, url, type Variables } from '../../../src/contracts/model.js';

const STORAGES = 'thoth-station/storages@v0.74.1';

/** Read at import of thoth.storages (module-level int() of cache sizes and switches). */
export const THOTH_STORAGES_IMPORT = {
  THOTH_STORAGE_HAS_PYTHON_SOLVER_ERROR_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '4096',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L186`,
  },
  THOTH_STORAGE_GET_PYTHON_PACKAGE_VERSION_RECORDS_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '16384',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L188`,
  },
  THOTH_STORAGE_GET_DEPENDS_ON_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '8192',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L190`,
  },
  THOTH_STORAGE_GET_PYTHON_CVE_RECORDS_ALL_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '4096',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L191`,
  },
  THOTH_STORAGE_GET_PYTHON_PACKAGE_REQUIRED_SYMBOLS_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '4096',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L193`,
  },
  THOTH_GET_PYTHON_ENVIRONMENT_MARKER_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '4096',
    description: 'LRU cache size of the graph adapter (read twice: environment markers and aggregated security indicators); int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L195`,
  },
  THOTH_S2I_ANALYZED_IMAGE_SYMBOLS_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '1',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L196`,
  },
  THOTH_GET_PYTHON_PYTHON_PACKAGE_VERSION_SOLVER_RULES_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '4096',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L201`,
  },
  THOTH_GET_RPM_PACKAGE_VERSION_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '1',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L203`,
  },
  THOTH_GET_PYTHON_PACKAGE_VERSION_CACHE_SIZE: {
    form: integer({ min: 0 }),
    default: '1',
    description: 'LRU cache size of the graph adapter; int() at import.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L204`,
  },
  GRAPH_BACKUP_STORE_ROTATE: {
    form: integer({ min: 0 }),
    default: '21',
    description: 'Number of graph backups GraphBackupStore keeps; int() at import (class attribute).',
    source: `${STORAGES}:thoth/storages/graph_backup.py#L39`,
  },
  THOTH_STORAGES_RANDOMIZE_LISTING: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer: the sync_* helpers shuffle document listings; bool(int()) at import.',
    source: `${STORAGES}:thoth/storages/sync.py#L43`,
  },
} as const satisfies Variables;

/** What `GraphDatabase` (PostgreSQL through SQLAlchemy) reads when it connects. */
export const THOTH_STORAGES_GRAPH = {
  ...THOTH_STORAGES_IMPORT,
  KNOWLEDGE_GRAPH_HOST: {
    form: text(),
    required: true,
    default: 'localhost',
    description: 'PostgreSQL host of the knowledge graph. The default (localhost) only works outside a cluster, hence required.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L272`,
  },
  KNOWLEDGE_GRAPH_PORT: {
    form: integer({ min: 1, max: 65535 }),
    default: '5432',
    description: 'PostgreSQL port; pasted into the connection URL as text.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L272`,
  },
  KNOWLEDGE_GRAPH_USER: {
    form: text(),
    default: 'postgres',
    description: 'Database user; pasted unescaped into the connection URL (no "@", ":" or "/").',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L271`,
  },
  KNOWLEDGE_GRAPH_PASSWORD: {
    form: text(),
    default: 'postgres',
    description: 'Database password; pasted unescaped into the connection URL (no "@", "/" or "#").',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L271`,
  },
  KNOWLEDGE_GRAPH_DATABASE: {
    form: text(),
    default: 'postgres',
    description: 'Database name.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L273`,
  },
  KNOWLEDGE_GRAPH_SSL_DISABLED: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer appends ?sslmode=disable to the connection URL; bool(int()), so "true" raises ValueError.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L276`,
  },
  THOTH_STORAGES_DEBUG_QUERIES: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer makes SQLAlchemy echo every query; bool(int()) in connect().',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L299`,
  },
  THOTH_STORAGES_LOG_STATS: {
    form: text(),
    default: '0',
    description: 'int(bool(text)): ANY non-empty text, "0" included, logs adapter cache statistics when the adapter is destroyed; unset or empty turns it off.',
    source: `${STORAGES}:thoth/storages/graph/postgres.py#L262`,
  },
} as const satisfies Variables;

/**
 * What the Ceph (S3) adapters read: `CephStore` itself (endpoint, key, secret, bucket, region) and every
 * result store derived from `ResultStorageBase` and the other prefixed stores (bucket prefix and deployment
 * name, which make the object prefix `<prefix>/<deployment>/<result type>`).
 */
export const THOTH_STORAGES_CEPH = {
  THOTH_S3_ENDPOINT_URL: {
    form: url('http', 'https'),
    required: true,
    description: 'S3 endpoint URL given to boto3 (endpoint_url); os.environ[...] in the CephStore constructor.',
    source: `${STORAGES}:thoth/storages/ceph.py#L56`,
  },
  THOTH_CEPH_KEY_ID: {
    form: text(),
    required: true,
    description: 'S3 access key id; os.environ[...] in the CephStore constructor.',
    source: `${STORAGES}:thoth/storages/ceph.py#L57`,
  },
  THOTH_CEPH_SECRET_KEY: {
    form: text(),
    required: true,
    description: 'S3 secret access key; os.environ[...] in the CephStore constructor.',
    source: `${STORAGES}:thoth/storages/ceph.py#L58`,
  },
  THOTH_CEPH_BUCKET: {
    form: text(),
    required: true,
    description: 'S3 bucket name; os.environ[...] in the CephStore constructor.',
    source: `${STORAGES}:thoth/storages/ceph.py#L59`,
  },
  THOTH_CEPH_REGION: {
    form: text(),
    description: 'S3 region given to the boto3 session; unset means none.',
    source: `${STORAGES}:thoth/storages/ceph.py#L60`,
  },
  THOTH_CEPH_BUCKET_PREFIX: {
    form: text(),
    required: true,
    description:
      'First part of the object prefix of every result store (<prefix>/<deployment>/<type>); os.environ[...] in ResultStorageBase, the build-log, workflow-log, inspection and security-indicator stores.',
    source: `${STORAGES}:thoth/storages/result_base.py#L64`,
  },
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    required: true,
    description:
      'Deployment name, second part of the object prefix of every result store; os.environ[...] in ResultStorageBase and the other prefixed stores. Declared required here: spread this fragment after THOTH_COMMON_LOGGING and THOTH_MESSAGING_KAFKA, which read it as optional.',
    source: `${STORAGES}:thoth/storages/result_base.py#L62`,
  },
} as const satisfies Variables;
