import type { Finding } from '../../src/validate/findings.js';
import { formatGithub, formatText } from '../../src/validate/report.js';

const finding = (environment: string, application: string, message: string): Finding => ({
  environment,
  application,
  file: `generated/${environment}/${application}/deployment_ns_api.yaml`,
  kind: 'Deployment',
  namespace: 'ns',
  name: 'api',
  constructPath: 'frontend/user-api/Deployment',
  rule: 'policy/resources',
  message,
});
const report = {
  environments: ['prod', 'test'],
  objects: 12,
  findings: [finding('test', 'frontend', 'no memory limit'), finding('prod', 'frontend', 'no cpu request'), finding('prod', 'infra', 'no probe')],
};

test('text: grouped by environment and application, each finding with its file and construct', () => {
  expect(formatText(report)).toBe(
    [
      'prod / frontend (1)',
      '  Deployment ns/api [policy/resources] no cpu request',
      '    generated/prod/frontend/deployment_ns_api.yaml, created by frontend/user-api/Deployment',
      'prod / infra (1)',
      '  Deployment ns/api [policy/resources] no probe',
      '    generated/prod/infra/deployment_ns_api.yaml, created by frontend/user-api/Deployment',
      'test / frontend (1)',
      '  Deployment ns/api [policy/resources] no memory limit',
      '    generated/test/frontend/deployment_ns_api.yaml, created by frontend/user-api/Deployment',
      'validated 12 objects in prod, test: 3 finding(s)',
    ].join('\n'),
  );
  expect(formatText(report, true)).toContain('\u001b[31mDeployment ns/api\u001b[0m');
  expect(formatText(report)).not.toContain('\u001b[');
});

test('github: one error annotation per finding on its file, properties and message escaped', () => {
  const lines = formatGithub({ ...report, findings: [finding('prod', 'frontend', '50% of it: broken,\nreally')] }).split('\n');
  expect(lines).toEqual([
    '::error file=generated/prod/frontend/deployment_ns_api.yaml,title=policy/resources%3A Deployment ns/api::50%25 of it: broken,%0Areally%0A(prod / frontend; created by frontend/user-api/Deployment)',
    'validated 12 objects in prod, test: 1 finding(s)',
  ]);
});
