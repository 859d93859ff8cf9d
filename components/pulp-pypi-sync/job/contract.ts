/**
 * Everything pulp-pypi-sync-job reads, declared once: its `--help`, its construct (../index.ts) and
 * `validate` all read this. It replaces thoth-station/pulp-pypi-sync-job v0.1.1, keeping its
 * variables (what it does: README, "pulp-pypi-sync-job").
 */
import { clickFlag, defineContract, pattern, text } from '../../../src/contracts/model.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';

const SOURCE = 'components/pulp-pypi-sync/job/contract.ts';

export const PULP_PYPI_SYNC_SETTINGS = {
  ...KNOWLEDGE_GRAPH_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  THOTH_DEPLOYMENT_NAME: { form: text(), required: true, description: 'the `env` label of the metrics pushed', source: SOURCE },
  THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE: {
    form: pattern('(https?://)?[A-Za-z0-9.-]+(:[0-9]+)?/?', 'a host (https is assumed) or an http(s) URL of the instance, without a path'),
    required: true,
    description: 'the Pulp instance whose pulp-python PyPI distributions are registered as indexes',
    source: SOURCE,
  },
  THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME: { form: text(), required: true, description: "the Pulp API's basic-auth user", source: SOURCE },
  THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD: { form: text(), required: true, description: "the Pulp API's basic-auth password", source: SOURCE },
  THOTH_PULP_REPOSITORIES_SYNC_DISABLE_INDEX: { form: clickFlag(), default: 'false', description: 'register new indexes disabled', source: SOURCE },
  THOTH_PULP_REPOSITORIES_ONLY_PACKAGES_SEEN: {
    form: clickFlag(),
    default: 'false',
    description: 'register new indexes with only_if_package_seen: package-releases asks them for known packages only',
    source: SOURCE,
  },
} as const;

export const PULP_PYPI_SYNC_CONTRACT = defineContract({
  repository: 'pulp-pypi-sync-job',
  tags: 'built-here',
  source: 'components/pulp-pypi-sync/job',
  summary: "registers the Simple API of each of a Pulp instance's pulp-python PyPI distributions as a package index in the knowledge graph, the new ones only",
  entrypoint: PROGRAM_ENTRYPOINT,
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_PULP_PYPI_SYNC: logLevelSetting() },
  modes: runOnlyModes({ description: 'one sync', variables: PULP_PYPI_SYNC_SETTINGS, source: SOURCE }),
});
