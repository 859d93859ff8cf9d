import { inspect } from 'node:util';
import { ConfigError } from '../../src/runtime/environment.js';
import { s3Config } from '../../src/runtime/s3/settings.js';

const SECRET = 'pa55-w0rd-n0t-in-any-log';
const base = {
  THOTH_S3_ENDPOINT_URL: 'https://s3.upshift.redhat.com',
  THOTH_CEPH_BUCKET: 'thoth',
  THOTH_CEPH_BUCKET_PREFIX: 'data',
  THOTH_CEPH_KEY_ID: 'AKIA-THOTH',
  THOTH_CEPH_SECRET_KEY: SECRET,
  THOTH_DEPLOYMENT_NAME: 'ocp4-stage',
};

test('the CEPH group: endpoint, bucket, key root, region default us-east-1, no public bucket when unset', async () => {
  const config = s3Config(base);
  expect(config).toEqual({
    endpoint: 'https://s3.upshift.redhat.com',
    region: 'us-east-1',
    bucket: 'thoth',
    publicBucket: undefined,
    bucketPrefix: 'data',
    deploymentName: 'ocp4-stage',
    credentials: expect.any(Function),
  });
  expect(await config.credentials()).toEqual({ accessKeyId: 'AKIA-THOTH', secretAccessKey: SECRET });
});

test('the public bucket and the region when set; a prefix may have several segments', () => {
  expect(s3Config({ ...base, THOTH_PUBLIC_CEPH_BUCKET: 'thoth-public', THOTH_CEPH_REGION: 'eu-west-1', THOTH_CEPH_BUCKET_PREFIX: 'data/thoth' })).toMatchObject(
    {
      publicBucket: 'thoth-public',
      region: 'eu-west-1',
      bucketPrefix: 'data/thoth',
    },
  );
});

test('a logged or serialised config shows neither the secret nor the key id', () => {
  const config = s3Config(base);
  for (const shown of [JSON.stringify(config), inspect(config, { depth: 10, showHidden: true })]) {
    expect(shown).toContain('ocp4-stage');
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain('AKIA-THOTH');
  }
});

test.each([
  ['THOTH_S3_ENDPOINT_URL', undefined, 'THOTH_S3_ENDPOINT_URL is not set; expected the S3 endpoint (Ceph RGW), addressed path-style'],
  ['THOTH_S3_ENDPOINT_URL', 's3.upshift.redhat.com', 'THOTH_S3_ENDPOINT_URL="s3.upshift.redhat.com" is invalid; expected a URL (http, https)'],
  ['THOTH_S3_ENDPOINT_URL', 's3://thoth/data', 'THOTH_S3_ENDPOINT_URL="s3://thoth/data" is invalid; expected a URL with scheme http or https, not s3'],
  ['THOTH_CEPH_BUCKET', '', 'THOTH_CEPH_BUCKET="" is invalid; expected the bucket the documents are in'],
  [
    'THOTH_CEPH_BUCKET',
    'Thoth_Store',
    'THOTH_CEPH_BUCKET="Thoth_Store" is invalid; expected an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
  ],
  [
    'THOTH_CEPH_BUCKET_PREFIX',
    '/data/',
    'THOTH_CEPH_BUCKET_PREFIX="/data/" is invalid; expected a key prefix: letters, digits, "_", ".", "-", segments joined by "/"',
  ],
  ['THOTH_CEPH_KEY_ID', undefined, 'THOTH_CEPH_KEY_ID is not set; expected the S3 access key id'],
  ['THOTH_CEPH_SECRET_KEY', undefined, 'THOTH_CEPH_SECRET_KEY is not set; expected the S3 secret access key'],
  ['THOTH_DEPLOYMENT_NAME', ' ', 'THOTH_DEPLOYMENT_NAME=" " is invalid; expected the deployment name, the second part of every key'],
  [
    'THOTH_PUBLIC_CEPH_BUCKET',
    's3://thoth-public',
    'THOTH_PUBLIC_CEPH_BUCKET="s3://thoth-public" is invalid; expected an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
  ],
] as const)('%s=%j is a ConfigError naming the variable', (variable, value, message) => {
  let thrown: unknown;
  try {
    s3Config({ ...base, [variable]: value });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  expect(thrown).toMatchObject({ variable, message });
});
