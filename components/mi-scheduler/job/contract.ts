/**
 * Everything mi-scheduler-job reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. One command per CronJob of the
 * reference (thoth-jobs.md §8), chosen by the first argument instead of the reference's
 * SCHEDULE_GH_REPO_ANALYSIS / SCHEDULE_KEBECHET_ANALYSIS / SCHEDULE_KEBECHET_MERGE switches.
 *
 * The organisations and repositories of gh-analysis are plain variables: the manifest fills them
 * from the ConfigMap `mi-scheduler` (keys `organizations` and `repositories`) of the CronJob's
 * namespace, where the reference read that ConfigMap through the API from the infra namespace.
 */
import { defineContract, list, pattern, type ApiAccess } from '../../../src/contracts/model.js';
import { GITHUB_ACCESS_TOKEN_SETTINGS } from '../../../src/runtime/github/settings.js';
import { KUBERNETES_SETTINGS } from '../../../src/runtime/kubernetes/settings.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { GITHUB_OWNER_PATTERN, GITHUB_REPOSITORY_PATTERN } from './domain/repositories.js';

const SOURCE = 'components/mi-scheduler/job/contract.ts';

/** The commands, each what one CronJob of the reference scheduled. */
export const MI_SCHEDULER_COMMANDS = ['gh-analysis', 'kebechet-analysis', 'kebechet-merge'] as const;
export type MiSchedulerCommand = (typeof MI_SCHEDULER_COMMANDS)[number];

/** What every command reads to name the data paths and submit: where, for which deployment. */
export const SUBMISSION_SETTINGS = {
  THOTH_DEPLOYMENT_NAME: {
    form: pattern('[A-Za-z0-9._-]+', 'a deployment name, one path segment'),
    required: true,
    description: 'the deployment: first segment of the data paths passed to mi, and the `env` label of the metrics pushed',
    source: SOURCE,
  },
  THOTH_MIDDLETIER_NAMESPACE: {
    form: pattern('[a-z0-9]([-a-z0-9]*[a-z0-9])?', 'a namespace name (lowercase letters, digits and "-")'),
    required: true,
    description: 'the namespace the mi workflows are submitted into (where their WorkflowTemplates are)',
    source: SOURCE,
  },
  SCHEDULE_SUBDIR: {
    form: pattern('[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*', 'a relative path without "." or ".." segments, such as daily/2024'),
    description:
      'subdirectory of the data paths: <deployment>/mi/<subdir> and <deployment>/<subdir>/thoth-sli-metrics/kebechet-update-manager (none when unset)',
    source: SOURCE,
  },
  ...KUBERNETES_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
} as const;

/** What gh-analysis reads besides: the repositories to analyse and the entities asked. */
export const GH_ANALYSIS_SETTINGS = {
  MI_SCHEDULER_ORGANIZATIONS: {
    form: list(',', pattern(GITHUB_OWNER_PATTERN, 'a GitHub organisation name')),
    description:
      'organisations whose repositories (archived ones skipped) are analysed, comma-separated; from the ConfigMap mi-scheduler, key organizations. With MI_SCHEDULER_REPOSITORIES unset too, the command has nothing to do and refuses to start',
    source: SOURCE,
  },
  MI_SCHEDULER_REPOSITORIES: {
    form: list(',', pattern(GITHUB_REPOSITORY_PATTERN, 'a repository as owner/name')),
    description:
      'repositories analysed besides, owner/name, comma-separated (unknown or archived ones skipped); from the ConfigMap mi-scheduler, key repositories',
    source: SOURCE,
  },
  MI_ENTITIES: {
    form: list(',', pattern('[A-Za-z]+', 'an mi entity name such as PullRequest')),
    description: 'entities each analysis collects, passed as ENTITIES (none: mi collects all)',
    source: SOURCE,
  },
} as const;

/** The only call the program makes to the Kubernetes API. */
const SUBMITS_WORKFLOWS: readonly ApiAccess[] = [
  { group: 'argoproj.io', resources: ['workflows'], verbs: ['create'], source: 'src/runtime/kubernetes/workflows.ts' },
];

export const MI_SCHEDULER_JOB_CONTRACT = defineContract({
  repository: 'mi-scheduler-job',
  tags: 'built-here',
  source: 'components/mi-scheduler/job',
  summary: 'submits the meta-information (mi) analyses of GitHub repositories and the merge of their Kebechet metrics as Argo Workflows',
  entrypoint: PROGRAM_ENTRYPOINT,
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_MI_SCHEDULER: logLevelSetting() },
  modes: {
    selector: { argument: 0 },
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: {
      'gh-analysis': {
        description: 'one mi analysis per repository of the configured organisations and repositories (mi-scheduler-gh)',
        variables: { ...GH_ANALYSIS_SETTINGS, ...GITHUB_ACCESS_TOKEN_SETTINGS, ...SUBMISSION_SETTINGS },
        api: SUBMITS_WORKFLOWS,
        source: SOURCE,
      },
      'kebechet-analysis': {
        description: 'one mi analysis with Kebechet metrics per repository with an active Kebechet installation (mi-scheduler-kebechet-analyse)',
        variables: { ...GITHUB_ACCESS_TOKEN_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...SUBMISSION_SETTINGS },
        api: SUBMITS_WORKFLOWS,
        source: SOURCE,
      },
      'kebechet-merge': {
        description: 'one mi merge of the Kebechet metrics the analyses wrote (mi-scheduler-kebechet-merge)',
        variables: SUBMISSION_SETTINGS,
        api: SUBMITS_WORKFLOWS,
        source: SOURCE,
      },
    },
  },
});
