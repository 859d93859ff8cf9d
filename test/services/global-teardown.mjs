export default async function globalTeardown() {
  const s3 = globalThis.__thothS3;
  await Promise.all([globalThis.__thothServices?.stop(), s3?.stop()]);
  // Set by the global setup for a server it started (see there).
  if (s3?.started) for (const name of ['ENDPOINT', 'BUCKET', 'KEY_ID', 'SECRET_KEY']) delete process.env[`THOTH_TEST_S3_${name}`];
}
