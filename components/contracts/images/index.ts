/**
 * The contracts of the upstream images, one file each, read at the tag the manifests run. Those of
 * this repository's programs are declared next to their code, and the composition root
 * (platforms/thoth/platform.ts) hands both to validate, which holds every container to the contract of its
 * image; an image without one is a finding. A new upstream image gets its contract as a new file
 * here, written from the program's source at the tag the manifests run.
 */
import type { ImageContract } from '../../../src/contracts/model.js';
import { ADVISER_CONTRACT } from './adviser.js';
import { AMUN_API_CONTRACT } from './amun-api.js';
import { AMUN_INSPECT_HWINFO_CONTRACT } from './amun-inspect-hwinfo.js';
import { AMUN_INSPECTIONS_CONTRACT } from './amun-inspections.js';
import { BUILDLOG_PARSER_CONTRACT } from './buildlog-parser.js';
import { GRAPH_SYNC_JOB_CONTRACT } from './graph-sync-job.js';
import { INTEGRATION_TESTS_CONTRACT } from './integration-tests.js';
import { KANIKO_EXECUTOR_CONTRACT } from './kaniko-executor.js';
import { KEBECHET_JOB_CONTRACT } from './kebechet-job.js';
import { MANAGEMENT_API_CONTRACT } from './management-api.js';
import { MESSAGING_CONTRACT } from './messaging.js';
import { METRICS_EXPORTER_CONTRACT } from './metrics-exporter.js';
import { MI_SCHEDULER_CONTRACT } from './mi-scheduler.js';
import { MI_CONTRACT } from './mi.js';
import { PACKAGE_EXTRACT_CONTRACT } from './package-extract.js';
import { PGBOUNCER_CONTRACT } from './pgbouncer.js';
import { PGWEB_CONTRACT } from './pgweb.js';
import { POSTGRES_EXPORTER_CONTRACT } from './postgres-exporter.js';
import { POSTGRES_CONTRACT } from './postgres.js';
import { PRESCRIPTIONS_REFRESH_JOB_CONTRACT } from './prescriptions-refresh-job.js';
import { PURGE_JOB_CONTRACT } from './purge-job.js';
import { PUSHGATEWAY_CONTRACT } from './pushgateway.js';
import { REVSOLVER_CONTRACT } from './revsolver.js';
import { SI_AGGREGATOR_CONTRACT } from './si-aggregator.js';
import { SI_BANDIT_CONTRACT } from './si-bandit.js';
import { SI_CLOC_CONTRACT } from './si-cloc.js';
import { SLO_REPORTER_CONTRACT } from './slo-reporter.js';
import { SOLVER_CONTRACT } from './solver.js';
import { USER_API_CONTRACT } from './user-api.js';
import { WORKFLOW_CONTROLLER_CONTRACT } from './workflow-controller.js';
import { WORKFLOW_HELPERS_CONTRACT } from './workflow-helpers.js';

/** The upstream images' contracts; the composition root adds those of this repository's programs. */
export const UPSTREAM_IMAGE_CONTRACTS: readonly ImageContract[] = [
  ADVISER_CONTRACT,
  AMUN_API_CONTRACT,
  AMUN_INSPECT_HWINFO_CONTRACT,
  AMUN_INSPECTIONS_CONTRACT,
  BUILDLOG_PARSER_CONTRACT,
  GRAPH_SYNC_JOB_CONTRACT,
  INTEGRATION_TESTS_CONTRACT,
  KANIKO_EXECUTOR_CONTRACT,
  KEBECHET_JOB_CONTRACT,
  MANAGEMENT_API_CONTRACT,
  MESSAGING_CONTRACT,
  METRICS_EXPORTER_CONTRACT,
  MI_SCHEDULER_CONTRACT,
  MI_CONTRACT,
  PACKAGE_EXTRACT_CONTRACT,
  PGBOUNCER_CONTRACT,
  PGWEB_CONTRACT,
  POSTGRES_EXPORTER_CONTRACT,
  POSTGRES_CONTRACT,
  PRESCRIPTIONS_REFRESH_JOB_CONTRACT,
  PURGE_JOB_CONTRACT,
  PUSHGATEWAY_CONTRACT,
  REVSOLVER_CONTRACT,
  SI_AGGREGATOR_CONTRACT,
  SI_BANDIT_CONTRACT,
  SI_CLOC_CONTRACT,
  SLO_REPORTER_CONTRACT,
  SOLVER_CONTRACT,
  USER_API_CONTRACT,
  WORKFLOW_CONTROLLER_CONTRACT,
  WORKFLOW_HELPERS_CONTRACT,
];
