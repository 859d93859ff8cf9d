/**
 * The workflows schedulers submit (the investigator, the APIs, mi-scheduler): for each, the entry
 * WorkflowTemplate they reference with `workflowTemplateRef`, the tier whose namespace it runs in,
 * and the parameters they pass. The job programs submit from this list; a test proves every entry
 * exists in every environment and declares exactly what its callers pass and require.
 */
import type { Tier } from './shared/tiers.js';

export interface EntryWorkflow {
  readonly template: string;
  readonly tier: Tier;
  /** The reference's OpenShift Template this replaces (docs/quirks.md Q1). */
  readonly reference: string;
  readonly parameters: readonly string[];
}

export const ENTRY_WORKFLOWS = {
  adviser: {
    template: 'adviser-workflow',
    tier: 'backend',
    reference: 'adviser',
    parameters: [
      'THOTH_ADVISER_JOB_ID',
      'THOTH_ADVISER_RECOMMENDATION_TYPE',
      'THOTH_ADVISER_DEV',
      'THOTH_LOG_ADVISER',
      'THOTH_AUTHENTICATED_ADVISE',
      'THOTH_ADVISER_PREDICTOR_CONFIG',
      'THOTH_ADVISER_METADATA',
      'THOTH_ADVISER_LIMIT',
      'THOTH_ADVISER_COUNT',
      'THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE',
    ],
  },
  'provenance-checker': {
    template: 'provenance-checker-workflow',
    tier: 'backend',
    reference: 'provenance-checker',
    parameters: [
      'THOTH_PROVENANCE_CHECKER_JOB_ID',
      'THOTH_DOCUMENT_ID',
      'THOTH_WHITELISTED_SOURCES',
      'THOTH_ADVISER_METADATA',
      'THOTH_LOG_ADVISER',
      'THOTH_AUTHENTICATED_PROVENANCE_CHECK',
    ],
  },
  kebechet: { template: 'kebechet-workflow', tier: 'backend', reference: 'kebechet', parameters: ['WORKFLOW_ID', 'WEBHOOK_PAYLOAD', 'KEBECHET_SLUG'] },
  'kebechet-run-url': {
    template: 'kebechet-run-url-workflow',
    tier: 'backend',
    reference: 'kebechet-run-url',
    parameters: ['WORKFLOW_ID', 'KEBECHET_REPO_URL', 'KEBECHET_SERVICE_NAME', 'KEBECHET_METADATA'],
  },
  'kebechet-administrator': {
    template: 'kebechet-administrator-workflow',
    tier: 'backend',
    reference: 'kebechet-administrator',
    parameters: ['WORKFLOW_ID', 'THOTH_PACKAGE_NAME', 'THOTH_PACKAGE_VERSION', 'THOTH_PACKAGE_INDEX', 'THOTH_SOLVER_NAME', 'THOTH_MESSAGE_TYPE'],
  },
  purge: { template: 'purge-workflow', tier: 'backend', reference: 'purge', parameters: ['THOTH_PURGE_WORKFLOW_ID', 'THOTH_PURGE_JOB_SUBCOMMAND'] },
  solver: {
    template: 'solver-workflow',
    tier: 'middletier',
    reference: 'solver',
    parameters: [
      'THOTH_SOLVER_WORKFLOW_ID',
      'THOTH_SOLVER_NAME',
      'THOTH_SOLVER_PACKAGES',
      'THOTH_SOLVER_NO_TRANSITIVE',
      'THOTH_SOLVER_INDEXES',
      'THOTH_SOLVER_DEPENDENCY_INDEXES',
      'THOTH_FORCE_SYNC',
      'THOTH_LOG_SOLVER',
    ],
  },
  revsolver: {
    template: 'revsolver-workflow',
    tier: 'middletier',
    reference: 'revsolver',
    parameters: ['THOTH_REVSOLVER_WORKFLOW_ID', 'THOTH_REVSOLVER_PACKAGE_NAME', 'THOTH_REVSOLVER_PACKAGE_VERSION', 'THOTH_LOG_REVSOLVER'],
  },
  'security-indicators': {
    template: 'security-indicators-workflow',
    tier: 'middletier',
    reference: 'security-indicators',
    parameters: [
      'THOTH_SECURITY_INDICATORS_JOB_ID',
      'THOTH_SECURITY_INDICATORS_PACKAGE_NAME',
      'THOTH_SECURITY_INDICATORS_PACKAGE_VERSION',
      'THOTH_SECURITY_INDICATORS_PACKAGE_INDEX',
      'THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION',
      'THOTH_FORCE_SYNC',
    ],
  },
  'package-extract': {
    template: 'package-extract-workflow',
    tier: 'middletier',
    reference: 'package-extract',
    parameters: [
      'THOTH_ANALYZED_IMAGE',
      'THOTH_PACKAGE_EXTRACT_JOB_ID',
      'THOTH_PACKAGE_EXTRACT_METADATA',
      'THOTH_ANALYZER_NO_TLS_VERIFY',
      'THOTH_REGISTRY_CREDENTIALS',
      'THOTH_LOG_PACKAGE_EXTRACT',
      'THOTH_SYNC_PACKAGE_EXTRACT',
    ],
  },
  'build-analysis': {
    template: 'build-analysis-workflow',
    tier: 'middletier',
    reference: 'build-analysis',
    parameters: [
      'THOTH_BUILD_ANALYSIS_JOB_ID',
      'THOTH_BUILD_ANALYSIS_BASE_IMAGE',
      'THOTH_BUILD_ANALYSIS_BASE_IMAGE_ANALYSIS_ID',
      'THOTH_BUILD_ANALYSIS_BASE_REGISTRY_CREDENTIALS',
      'THOTH_BUILD_ANALYSIS_BASE_REGISTRY_NO_TLS_VERIFY',
      'THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE',
      'THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE_ANALYSIS_ID',
      'THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_CREDENTIALS',
      'THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_NO_TLS_VERIFY',
      'THOTH_BUILD_ANALYSIS_BUILDLOG_DOCUMENT_ID',
      'THOTH_BUILD_ANALYSIS_BUILDLOG_PARSER_ID',
      'THOTH_BUILD_ANALYSIS_ENVIRONMENT_TYPE',
      'THOTH_BUILD_ANALYSIS_ORIGIN',
      'THOTH_BUILD_ANALYSIS_METADATA',
      'THOTH_LOG_BUILD_ANALYSIS',
    ],
  },
  'graph-sync': {
    template: 'graph-sync-workflow',
    tier: 'middletier',
    reference: 'graph-sync',
    parameters: ['THOTH_SYNC_JOB_ID', 'THOTH_SYNC_DOCUMENT_ID', 'THOTH_FORCE_SYNC'],
  },
  mi: {
    template: 'mi-analysis-workflow',
    tier: 'middletier',
    reference: 'mi',
    // What mi reads; the action is the step's argument (docs/quirks.md Q38).
    parameters: ['WORKFLOW_ID', 'REPOSITORY', 'ENTITIES', 'KNOWLEDGE_PATH', 'MI_THOTH', 'MI_MERGE', 'MI_MERGE_PATH'],
  },
  'mi-merge': {
    template: 'mi-merge-workflow',
    tier: 'middletier',
    reference: 'mi-merge',
    // MI_MERGE_PATH: where the Kebechet analyses wrote their metrics, which the merge sums.
    parameters: ['WORKFLOW_ID', 'REPOSITORY', 'ENTITIES', 'KNOWLEDGE_PATH', 'MI_THOTH', 'MI_MERGE', 'MI_MERGE_PATH'],
  },
  'amun-inspection': {
    template: 'amun-inspection-workflow',
    tier: 'amun-inspection',
    reference: 'amun-inspection-workflow',
    parameters: [
      'AMUN_INSPECTION_ID',
      'AMUN_DOCKERFILE',
      'AMUN_SPECIFICATION',
      'THOTH_SEND_MESSAGES',
      'THOTH_FORCE_SYNC',
      'AMUN_RUN_CPU',
      'AMUN_RUN_MEMORY',
      'AMUN_BUILD_CPU',
      'AMUN_BUILD_MEMORY',
    ],
  },
  'amun-inspection-with-cpu': {
    template: 'amun-inspection-workflow-with-cpu',
    tier: 'amun-inspection',
    reference: 'amun-inspection-workflow-with-cpu',
    parameters: ['AMUN_INSPECTION_ID', 'AMUN_DOCKERFILE', 'AMUN_SPECIFICATION', 'CPU_FAMILY', 'CPU_MODEL', 'PHYSICAL_CPUS', 'PROCESSOR'],
  },
  'dependency-monkey': {
    template: 'dependency-monkey-workflow',
    tier: 'amun-inspection',
    reference: 'dependency-monkey',
    parameters: [
      'THOTH_DEPENDENCY_MONKEY_JOB_ID',
      'THOTH_DOCUMENT_ID',
      'THOTH_DEPENDENCY_MONKEY_DRY_RUN',
      'THOTH_DEPENDENCY_MONKEY_COUNT',
      'THOTH_DEPENDENCY_MONKEY_DECISION_TYPE',
    ],
  },
} as const satisfies Record<string, EntryWorkflow>;

export type EntryWorkflowName = keyof typeof ENTRY_WORKFLOWS;
