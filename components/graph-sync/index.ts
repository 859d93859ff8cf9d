import { Construct } from 'constructs';
import { resolveResources } from '../../src/platform/pod.js';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { GRAPH_SYNC_JOB_CONTRACT } from '../contracts/images/graph-sync-job.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { thothEnv } from '../shared/env.js';

/**
 * graph-sync's props: its settings (imageTag, resources, variables) apply to both its templates. Its
 * templates are built once per namespace that calls them (charts/context.ts), with the props of
 * graph-sync and the namespace of its callers.
 */
export interface GraphSyncProps extends WorkflowsComponentProps {
  /** @default the versions table's graph-sync-job tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 1Gi (STEP_RESOURCES) */
  readonly resources?: WorkflowsComponentProps['resources'];
}

/**
 * The job takes a document's type from its id's prefix (adviser-…, solver-…), also when it reads a
 * local file: the file is named after the document's id, in a directory without a dash.
 */
const DOCUMENT = '/mnt/workdir/{{inputs.parameters.THOTH_DOCUMENT_ID}}';

/**
 * graph-sync: writes a result document into the knowledge graph. The WorkflowTemplate `graph-sync`
 * has two templates: `graph-sync` takes the document as an artifact from the step before it (the
 * job's local mode), `graph-sync-not-local` reads it from S3 by id (its Ceph mode). The entry
 * `graph-sync-workflow` (docs/quirks.md Q1) syncs one stored document. No `graph-sync-job`
 * (docs/quirks.md Q20). Each template retries 3 times.
 */
export class GraphSync extends Construct {
  readonly graphSync: TemplateHandle;
  readonly graphSyncNotLocal: TemplateHandle;

  constructor(scope: Construct, id: string, props: GraphSyncProps) {
    super(scope, id);
    const { env, namespace } = props;
    const image = thothImageOf(env, 'graph-sync-job', props);
    const resources = resolveResources(STEP_RESOURCES, props.resources);
    const environment = (mode: 'local' | 'ceph') =>
      thothEnv(env, GRAPH_SYNC_JOB_CONTRACT, mode)
        .literal('THOTH_LOG_GRAPH_SYNC_JOB', 'INFO')
        .field('THOTH_NAMESPACE', 'metadata.namespace')
        .ceph()
        .knowledgeGraph()
        .pushgateway()
        .common()
        .overrides(props.variables);
    const retry = { limit: '3', retryPolicy: 'Always' as const, backoff: { duration: '10s', factor: '2' } };
    const templates = new WorkflowTemplate(this, 'Templates', {
      env,
      name: 'graph-sync',
      namespace,
      component: 'graph-sync',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    });
    this.graphSync = templates.addContainer('graph-sync', {
      image,
      parameters: [required('THOTH_DOCUMENT_ID'), optional('THOTH_FORCE_SYNC', '0')],
      inputArtifacts: [{ name: 'outputdocument', path: DOCUMENT }],
      // THOTH_SYNC_LOCAL_FILE is a switch; the files to sync are THOTH_SYNC_DOCUMENT_ID's.
      env: environment('local').literal('THOTH_SYNC_LOCAL_FILE', '1').literal('THOTH_SYNC_DOCUMENT_ID', DOCUMENT),
      writablePaths: ['/mnt/workdir'],
      resources,
      retryStrategy: retry,
    });
    this.graphSyncNotLocal = templates.addContainer('graph-sync-not-local', {
      image,
      parameters: [required('THOTH_SYNC_DOCUMENT_ID'), optional('THOTH_FORCE_SYNC', '0')],
      env: environment('ceph'),
      resources,
      retryStrategy: retry,
    });

    const entry = new WorkflowTemplate(this, 'Entry', {
      env,
      name: 'graph-sync-workflow',
      namespace,
      component: 'graph-sync',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: entryArguments(ENTRY_WORKFLOWS['graph-sync'].parameters, [
        required('THOTH_SYNC_JOB_ID'),
        required('THOTH_SYNC_DOCUMENT_ID'),
        required('THOTH_FORCE_SYNC'),
      ]),
      ttlStrategy: { secondsAfterCompletion: 25 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('graph-sync'),
    });
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [{ name: 'graph-sync-not-local', template: this.graphSyncNotLocal, parameters: passThrough(['THOTH_SYNC_DOCUMENT_ID', 'THOTH_FORCE_SYNC']) }],
      }),
    );
  }
}
