/**
 * quay.io/thoth-station/mi-scheduler: schedules `mi` (Meta-information Indicators) workflows for
 * GitHub repositories and for the repositories with an active Kebechet installation.
 *
 * Read at thoth-station/mi-scheduler@v1.7.3 (refs/tags/v1.7.3). s2i build on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1; no app.sh, so the s2i `run` script runs
 * `python app.py` (APP_FILE) in /opt/app-root/src. app.py reads THOTH_DEPLOYMENT_NAME with
 * os.environ[...] at import, then runs a click command with auto_envvar_prefix="SCHEDULE":
 * SCHEDULE_GH_REPO_ANALYSIS, SCHEDULE_KEBECHET_ANALYSIS and SCHEDULE_KEBECHET_MERGE switch the three
 * independent jobs on (any combination), SCHEDULE_SUBDIR names a data subdirectory.
 *
 * How it schedules (thoth-common 0.35.0, pinned in Pipfile.lock): OpenShift.schedule_mi_workflow ->
 * WorkflowManager.submit_mi, which lists the OpenShift Template labelled template=mi in
 * THOTH_INFRA_NAMESPACE (template.openshift.io Template), fills in its parameters (WORKFLOW_ID,
 * REPOSITORY, ENTITIES, KNOWLEDGE_PATH, MI_MERGE_PATH, MI_THOTH, MI_MERGE), has the API server
 * process it (POST template.openshift.io/v1 processedtemplates), validates the first object as an Argo
 * Workflow and creates it in THOTH_MIDDLETIER_NAMESPACE. Argo WorkflowTemplates are not used. The
 * repositories of the GitHub job come from the ConfigMap "mi-scheduler" in THOTH_INFRA_NAMESPACE
 * (keys "organizations" and "repositories", each a comma-separated list, both optional); the Kebechet
 * jobs take theirs from the knowledge graph.
 *
 * The selector below is SCHEDULE_KEBECHET_ANALYSIS because it alone changes what is read (the
 * knowledge graph); the other two switches are plain variables.
 *
 * Other pins: click 8.0.3 (an empty SCHEDULE_* text is passed on: "'' is not a valid boolean", exit
 * 2), thoth-storages 0.70.0, kubernetes 11.0.0, openshift 0.11.0 (the dynamic client writes its
 * discovery cache to /tmp), PyGithub 1.55.
 */
import { defineContract, integer, list, pattern, text, type Form, type Variables } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_GRAPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v1.7.3';
const at = (line: number): string => `thoth-station/mi-scheduler@${TAG}:app.py#L${line}`;
const COMMON = (path: string, line: number): string => `thoth-station/common@v0.35.0:${path}#L${line}`;

/** click 8.0 BOOL through auto_envvar_prefix: the empty text is rejected, not taken as unset. */
const click80Flag = {
  type: 'flag',
  on: ['1', 'true', 't', 'yes', 'y', 'on'],
  off: ['0', 'false', 'f', 'no', 'n', 'off'],
  otherwise: 'error',
  caseInsensitive: true,
} as const satisfies Form;

const ON = new Set<string>(click80Flag.on);
const OFF = new Set<string>(click80Flag.off);

const SCHEDULER = {
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    required: true,
    description:
      'Deployment name, read with os.environ[...] at import (KeyError without it, in every job). First part of the data paths passed to mi: KNOWLEDGE_PATH=<name>/mi/<subdir>, MI_MERGE_PATH=<name>/<subdir>/thoth-sli-metrics/kebechet-update-manager. Also the Sentry environment of init_logging.',
    source: at(45),
  },
  GITHUB_ACCESS_TOKEN: {
    form: text(),
    description:
      'GitHub token used to expand organizations and drop archived repositories (GitHub and Kebechet analysis jobs; the merge job does not call GitHub). Unset means anonymous calls (60 requests an hour).',
    source: at(38),
  },
  MI_ENTITIES: {
    form: list(','),
    description:
      'Entities passed to the GitHub analysis workflows as the ENTITIES template parameter (comma-separated mi entity names; empty means all). The Kebechet analysis always uses PullRequest,Issue.',
    source: at(41),
  },
  SCHEDULE_GH_REPO_ANALYSIS: {
    form: click80Flag,
    description:
      '--gh-repo-analysis: read the ConfigMap "mi-scheduler" in THOTH_INFRA_NAMESPACE (organizations, repositories) and schedule one mi workflow per non-archived repository.',
    source: at(150),
  },
  SCHEDULE_KEBECHET_MERGE: {
    form: click80Flag,
    description: '--kebechet-merge: schedule one mi workflow that merges the Kebechet metrics (MI_MERGE=1, MI_THOTH=1).',
    source: at(144),
  },
  SCHEDULE_SUBDIR: {
    form: text(),
    default: '',
    description: '--subdir: subdirectory of the data paths (see THOTH_DEPLOYMENT_NAME).',
    source: at(156),
  },
  THOTH_INFRA_NAMESPACE: {
    form: text(),
    required: true,
    description:
      'Namespace holding the OpenShift Template labelled template=mi (and the ConfigMap mi-scheduler); submit_mi raises ConfigurationError without it.',
    source: COMMON('thoth/common/workflows.py', 820),
  },
  THOTH_MIDDLETIER_NAMESPACE: {
    form: text(),
    required: true,
    description: 'Namespace the mi workflows are created in; submit_mi raises ConfigurationError without it.',
    source: COMMON('thoth/common/workflows.py', 823),
  },
  RSYSLOG_HOST: {
    form: text(),
    description: 'thoth-common 0.35 only: with RSYSLOG_PORT, also log to this syslog host; setting only one of the two makes init_logging raise RuntimeError.',
    source: COMMON('thoth/common/logging.py', 39),
  },
  RSYSLOG_PORT: {
    form: integer({ min: 1, max: 65535 }),
    description: 'thoth-common 0.35 only: syslog port (int()); must be set together with RSYSLOG_HOST.',
    source: COMMON('thoth/common/logging.py', 40),
  },
  ...s2iPythonRun({ file: { form: pattern('[^\\s]+\\.py', 'a Python script in /opt/app-root/src'), has: 'app.py' }, version: 'd404b2d' }),
} as const satisfies Variables;

export const MI_SCHEDULER_CONTRACT = defineContract({
  repository: 'thoth-station/mi-scheduler',
  tags: [TAG],
  source: `thoth-station/mi-scheduler@${TAG}`,
  summary:
    'Schedules mi workflows by processing the OpenShift Template template=mi from THOTH_INFRA_NAMESPACE and submitting the result as an Argo Workflow in THOTH_MIDDLETIER_NAMESPACE: per repository of the mi-scheduler ConfigMap (SCHEDULE_GH_REPO_ANALYSIS), per repository with an active Kebechet installation from the knowledge graph (SCHEDULE_KEBECHET_ANALYSIS), or one merge run (SCHEDULE_KEBECHET_MERGE).',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at(195),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_KUBERNETES,
    ...THOTH_STORAGES_IMPORT,
    ...SCHEDULER,
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  api: [
    {
      group: 'template.openshift.io',
      resources: ['templates'],
      verbs: ['list'],
      source: COMMON('thoth/common/openshift.py', 731),
    },
    {
      group: 'template.openshift.io',
      resources: ['processedtemplates'],
      verbs: ['create'],
      source: COMMON('thoth/common/openshift.py', 1677),
    },
    {
      group: 'argoproj.io',
      resources: ['workflows'],
      verbs: ['create'],
      source: COMMON('thoth/common/workflows.py', 460),
    },
    {
      group: '',
      resources: ['configmaps'],
      verbs: ['get'],
      source: COMMON('thoth/common/openshift.py', 1718),
    },
  ],
  writes: [{ path: '/tmp', source: 'openshift/openshift-restclient-python@v0.11.0:openshift/dynamic/discovery.py#L30' }],
  modes: {
    selector: { variable: 'SCHEDULE_KEBECHET_ANALYSIS' },
    default: 'off',
    classify: (value: string) => {
      const text = value.trim().toLowerCase();
      if (ON.has(text)) return 'on';
      if (OFF.has(text)) return 'off';
      return undefined;
    },
    otherwise: 'click rejects the text ("is not a valid boolean", also for the empty text) and exits 2 before scheduling anything',
    source: at(138),
    variants: {
      on: {
        description:
          'Also connect to the knowledge graph, list the repositories with an active Kebechet GitHub installation and schedule one mi workflow per repository (KNOWLEDGE_PATH, MI_MERGE_PATH, MI_THOTH=1).',
        source: at(183),
        variables: {
          ...THOTH_STORAGES_GRAPH,
        },
      },
      off: {
        description: 'No Kebechet analysis: the knowledge graph is not touched.',
        source: at(183),
      },
    },
  },
  limitations: [
    {
      rule: 'contract/api-group',
      message:
        'schedules only through OpenShift Templates: it lists template.openshift.io Templates (label template=mi) in THOTH_INFRA_NAMESPACE and POSTs them to the processedtemplates endpoint, which only OpenShift serves. No manifest can provide that API on Kubernetes, and the Argo WorkflowTemplates rendered for mi are not used by this version.',
      source: COMMON('thoth/common/openshift.py', 1677),
    },
    {
      rule: 'contract/image',
      message:
        'the GitHub and Kebechet analysis jobs call schedule_mi_workflow(create_knowledge=True, ...), a keyword the pinned thoth-common 0.35.0 does not have (added later, present at 0.36.6): each raises TypeError at the first repository to schedule. Only the merge job (SCHEDULE_KEBECHET_MERGE) can schedule anything.',
      source: at(110),
    },
  ],
});
