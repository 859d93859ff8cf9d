import { ghAnalysisSettings, submissionSettings } from './settings.js';

const required = { THOTH_DEPLOYMENT_NAME: 'thoth-prod', THOTH_MIDDLETIER_NAMESPACE: 'thoth-middletier-prod' };

test('without a subdirectory or a Pushgateway: the reference’s paths, no metrics pushed', () => {
  expect(submissionSettings({ ...required, SCHEDULE_SUBDIR: '' })).toEqual({
    deploymentName: 'thoth-prod',
    namespace: 'thoth-middletier-prod',
    paths: { knowledge: 'thoth-prod/mi', kebechetStats: 'thoth-prod/thoth-sli-metrics/kebechet-update-manager' },
    gateway: undefined,
  });
});

test('organisations and repositories as the ConfigMap holds them: comma-separated, blanks ignored; no entities is every entity', () => {
  expect(ghAnalysisSettings({ MI_SCHEDULER_ORGANIZATIONS: 'thoth-station, AICoE,,', MI_SCHEDULER_REPOSITORIES: '', MI_ENTITIES: '' })).toEqual({
    organizations: ['thoth-station', 'AICoE'],
    repositories: [],
    entities: [],
  });
  expect(ghAnalysisSettings({ MI_SCHEDULER_REPOSITORIES: 'openshift/origin', MI_ENTITIES: 'PullRequest,Issue' })).toEqual({
    organizations: [],
    repositories: ['openshift/origin'],
    entities: ['PullRequest', 'Issue'],
  });
});

test.each([
  [{ ...required, THOTH_DEPLOYMENT_NAME: 'thoth/prod' }, 'THOTH_DEPLOYMENT_NAME="thoth/prod" is invalid; expected a deployment name, one path segment'],
  [{ ...required, THOTH_MIDDLETIER_NAMESPACE: 'Thoth_Middletier' }, 'THOTH_MIDDLETIER_NAMESPACE="Thoth_Middletier" is invalid'],
  [{ ...required, SCHEDULE_SUBDIR: '/absolute' }, 'SCHEDULE_SUBDIR="/absolute" is invalid'],
  [{ ...required, SCHEDULE_SUBDIR: 'a/./b' }, 'SCHEDULE_SUBDIR="a/./b" is invalid'],
  [{ ...required, PROMETHEUS_PUSHGATEWAY_URL: 'pushgateway:9091' }, 'PROMETHEUS_PUSHGATEWAY_URL="pushgateway:9091" is invalid'],
])('%o is refused: %s', (env, message) => {
  expect(() => submissionSettings(env)).toThrow(message);
});

test('an organisation GitHub could not have is refused', () => {
  expect(() => ghAnalysisSettings({ MI_SCHEDULER_ORGANIZATIONS: 'thoth-station,-bad-' })).toThrow(
    'MI_SCHEDULER_ORGANIZATIONS="thoth-station,-bad-" is invalid; expected item "-bad-" of a ","-separated list: expected a GitHub organisation name',
  );
});
