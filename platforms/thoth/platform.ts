/**
 * The composition root of the Thoth platform: its charts, the alerts its components declare and the
 * contracts of the images it runs, handed to the library (src/) as one value. Nothing under src/,
 * charts/ or components/ imports this folder; the CLI entry (platforms/cli.ts), the cdk8s app
 * (platforms/cdk8s.ts), the benchmarks and the tests do.
 */
import { buildApplications } from '../../charts/index.js';
import { CATALOGUE_ENTRIES } from '../../components/catalogue.js';
import { workflowAlerts } from '../../components/argo-workflows/alerts.js';
import { ADVISE_REPORTER_CONTRACT } from '../../components/advise-reporter/job/contract.js';
import { CVE_UPDATE_CONTRACT } from '../../components/cve-update/job/contract.js';
import { DOCUMENT_SYNC_CONTRACT } from '../../components/document-sync/job/contract.js';
import { GRAPH_BACKUP_CONTRACT } from '../../components/graph-backup/job/contract.js';
import { GRAPH_METRICS_EXPORTER_CONTRACT } from '../../components/graph-metrics-exporter/job/contract.js';
import { GRAPH_REFRESH_CONTRACT } from '../../components/graph-refresh/job/contract.js';
import { PACKAGE_RELEASES_CONTRACT } from '../../components/package-releases/job/contract.js';
import { PACKAGE_UPDATE_CONTRACT } from '../../components/package-update/job/contract.js';
import { PULP_PYPI_SYNC_CONTRACT } from '../../components/pulp-pypi-sync/job/contract.js';
import { INVESTIGATOR_CONTRACT } from '../../components/investigator/job/contract.js';
import { MI_SCHEDULER_JOB_CONTRACT } from '../../components/mi-scheduler/job/contract.js';
import { WORKFLOW_TASKS_CONTRACT } from '../../components/workflow-core/job/contract.js';
import { UPSTREAM_IMAGE_CONTRACTS } from '../../components/contracts/images/index.js';
import { AppOfAppsChart } from '../../src/synth/app-of-apps.js';
import type { Platform } from '../../src/synth/platform.js';
import { thothEnvironmentProblems, thothReservedNamespaces, type Environment } from '../../components/shared/environment.js';
import type { EnvironmentValidator } from '../../src/config/environment-validator.js';
import { THOTH_ENVIRONMENT_SHAPE } from './environment-schema.js';
import validateThothEnvironment from './environment-validator.generated.js';

export const THOTH: Platform<Environment> = {
  ...THOTH_ENVIRONMENT_SHAPE,
  // Generated from THOTH_ENVIRONMENT_SHAPE's schema (scripts/environment-validator.mjs).
  environmentValidator: validateThothEnvironment as EnvironmentValidator,
  environmentProblems: thothEnvironmentProblems,
  reservedNamespaces: thothReservedNamespaces,
  applications: buildApplications,
  appOfApps: (app, env, applications, charts) => {
    const chart = new AppOfAppsChart(app, env, applications, charts, 'Thoth');
    return { name: chart.application, chart };
  },
  // The workflow controllers' alerts are the core chart's; every other component's are its catalogue line's.
  alerts: [workflowAlerts, ...CATALOGUE_ENTRIES.flatMap(([, entry]) => entry.alerts ?? [])],
  imageContracts: [
    ...UPSTREAM_IMAGE_CONTRACTS,
    ADVISE_REPORTER_CONTRACT,
    CVE_UPDATE_CONTRACT,
    DOCUMENT_SYNC_CONTRACT,
    GRAPH_BACKUP_CONTRACT,
    GRAPH_METRICS_EXPORTER_CONTRACT,
    GRAPH_REFRESH_CONTRACT,
    INVESTIGATOR_CONTRACT,
    WORKFLOW_TASKS_CONTRACT,
    MI_SCHEDULER_JOB_CONTRACT,
    PACKAGE_RELEASES_CONTRACT,
    PACKAGE_UPDATE_CONTRACT,
    PULP_PYPI_SYNC_CONTRACT,
  ],
};
