/**
 * The document store of every job program that reads or writes Thoth's documents, from the
 * reference's CEPH variables (the `ceph` ConfigMap and Secret; components/shared/env.ts `ceph()`).
 *
 * What the reference reads, at thoth-station/storages@v0.74.1 (4e22289):
 * - thoth/storages/ceph.py#L56-L60: `CephStore` takes THOTH_S3_ENDPOINT_URL, THOTH_CEPH_KEY_ID,
 *   THOTH_CEPH_SECRET_KEY and THOTH_CEPH_BUCKET with `os.environ[...]` (a KeyError when unset) and
 *   THOTH_CEPH_REGION with `os.getenv` (none when unset: botocore then signs for us-east-1).
 * - thoth/storages/result_base.py#L62-L65: every result store's prefix is
 *   `<THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/<result type>`, both `os.environ[...]`.
 * - THOTH_PUBLIC_CEPH_BUCKET is read by the reporters, not by thoth-storages
 *   (thoth-station/reporter@v0.11.3:thoth/reporter/utils.py#L35); advise-reporter (components/advise-reporter/job) reads it.
 */
import { pattern, text, url } from '../../contracts/model.js';
import { readSetting } from '../../contracts/settings.js';
import type { Environment } from '../environment.js';

const SOURCE = 'src/runtime/s3/settings.ts';
/** As the environments' schema has it (components/shared/environment.ts `s3.bucket`). */
const BUCKET = pattern('[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]', 'an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens');
/** Path segments without empty ones: the prefix is joined with "/" (result_base.py#L63). */
const PREFIX = pattern('[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*', 'a key prefix: letters, digits, "_", ".", "-", segments joined by "/"');

/** What every program that opens the document store reads, with the reference's names. */
export const S3_SETTINGS = {
  THOTH_S3_ENDPOINT_URL: { form: url('http', 'https'), required: true, description: 'the S3 endpoint (Ceph RGW), addressed path-style', source: SOURCE },
  THOTH_CEPH_BUCKET: { form: BUCKET, required: true, description: 'the bucket the documents are in', source: SOURCE },
  THOTH_CEPH_BUCKET_PREFIX: {
    form: PREFIX,
    required: true,
    description: 'the first part of every key: <prefix>/<deployment>/<area>/<document id>',
    source: SOURCE,
  },
  THOTH_CEPH_KEY_ID: { form: text(), required: true, description: 'the S3 access key id', source: SOURCE },
  // Never logged: s3Config hands it on inside a function (see S3Config.credentials).
  THOTH_CEPH_SECRET_KEY: { form: text(), required: true, description: 'the S3 secret access key', source: SOURCE },
  THOTH_CEPH_REGION: { form: text(), default: 'us-east-1', description: 'the region requests are signed for (Ceph accepts any)', source: SOURCE },
  THOTH_DEPLOYMENT_NAME: { form: text(), required: true, description: 'the deployment name, the second part of every key', source: SOURCE },
  THOTH_PUBLIC_CEPH_BUCKET: { form: BUCKET, description: 'the bucket of published documents (none when unset)', source: SOURCE },
} as const;

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The variables a store's settings came from, for its errors to name (the document store's own, or a destination's). */
export interface S3Variables {
  readonly endpoint: string;
  readonly bucket: string;
  readonly keyId: string;
  readonly secretKey: string;
}

/** The document store's variables. */
export const THOTH_S3_VARIABLES: S3Variables = {
  endpoint: 'THOTH_S3_ENDPOINT_URL',
  bucket: 'THOTH_CEPH_BUCKET',
  keyId: 'THOTH_CEPH_KEY_ID',
  secretKey: 'THOTH_CEPH_SECRET_KEY',
};

export interface S3Config {
  /** THOTH_S3_ENDPOINT_URL. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  /** THOTH_PUBLIC_CEPH_BUCKET, when set. */
  readonly publicBucket: string | undefined;
  /** THOTH_CEPH_BUCKET_PREFIX: the first part of every key. */
  readonly bucketPrefix: string;
  /** THOTH_DEPLOYMENT_NAME: the second part of every key. */
  readonly deploymentName: string;
  /**
   * The key id and the secret, behind a function (the SDK's credential provider), so that a logged or
   * serialised config shows neither.
   */
  readonly credentials: () => Promise<S3Credentials>;
  /** Where the settings came from (THOTH_S3_VARIABLES when absent). */
  readonly variables?: S3Variables;
}

const setting = <K extends keyof typeof S3_SETTINGS>(env: Environment, name: K) => readSetting(env, S3_SETTINGS, name);

/** The store's settings; a missing or malformed variable is a ConfigError that names it. */
export function s3Config(env: Environment): S3Config {
  const accessKeyId = setting(env, 'THOTH_CEPH_KEY_ID');
  const secretAccessKey = setting(env, 'THOTH_CEPH_SECRET_KEY');
  const credentials: S3Credentials = { accessKeyId, secretAccessKey };
  return {
    endpoint: setting(env, 'THOTH_S3_ENDPOINT_URL'),
    region: setting(env, 'THOTH_CEPH_REGION'),
    bucket: setting(env, 'THOTH_CEPH_BUCKET'),
    publicBucket: setting(env, 'THOTH_PUBLIC_CEPH_BUCKET'),
    bucketPrefix: setting(env, 'THOTH_CEPH_BUCKET_PREFIX'),
    deploymentName: setting(env, 'THOTH_DEPLOYMENT_NAME'),
    credentials: () => Promise.resolve(credentials),
  };
}
