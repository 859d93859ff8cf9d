import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, passThrough, required, STEP_RESOURCES, taskMetrics, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { SKIP_MEMORY_LIMIT, SOLVER_CONTRACT } from '../../src/contracts/images/solver.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../src/contracts/images/workflow-helpers.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT, type WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';

export interface SolverProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

const OUTPUT = '/mnt/output/document.json';

/**
 * The solver creates its virtualenv in the directory it runs in, which the image's run script makes
 * its read-only home: the program is started directly, in a writable directory, and without its
 * cgroup memory probe, which stops it on every cgroup v2 node (the memory limit is the pod's, and an
 * installation the kernel kills fails the step, which solve-res retries with more).
 */
const SOLVER_COMMAND = SKIP_MEMORY_LIMIT;
const SOLVER_WORKDIR = '/home/solver';

/** The full resolution, and the retry with twice the resources when it was killed for memory. */
const SOLVE_RESOURCES = { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };
const SOLVE_RETRY_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } };

/**
 * Solver workflows (middletier): solver-any runs the solver image of the requested solver (`solve`,
 * 15 minutes, and `solve-res`, a 30-minute retry with twice the resources, for an installation the
 * kernel killed: the solver fails the step then instead of recording an error); parse-solver-output
 * turns a result into messages; solver-workflow (the reference's Template solver) syncs the result and
 * sends the messages, after whichever of the two resolutions succeeded. The solver name must be one the environment configures, and
 * its image is pinned (the reference ran `<solver>:latest`).
 * Defaults: solver images v1.15.0, workflow-helpers:v0.9.15.
 */
export class Solver extends Construct {
  constructor(scope: Construct, id: string, props: SolverProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components.solver;
    const core = props.workflowCore;
    const { graphSync } = props;
    const solveParameters: ParameterSpec[] = [
      { name: 'THOTH_SOLVER_NAME', enum: env.solvers, description: 'a solver this environment configures' },
      required('THOTH_SOLVER_DOCUMENT_ID'),
      required('THOTH_SOLVER_PACKAGES'),
      optional('THOTH_SOLVER_NO_TRANSITIVE', '1'),
      optional('THOTH_SOLVER_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_SOLVER_DEPENDENCY_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_LOG_SOLVER', 'INFO'),
    ];
    const solverAny = new WorkflowTemplate(this, 'solver-any', {
      env,
      name: 'solver-any',
      namespace,
      component: 'solver',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    });
    const solve = (name: string, deadline: number, resources: typeof SOLVE_RESOURCES) =>
      solverAny.addContainer(name, {
        // One image per configured solver, chosen by the (enum-checked) solver name, at a pinned tag.
        image: `${env.images.registry}/{{inputs.parameters.THOTH_SOLVER_NAME}}:${settings?.imageTag ?? 'v1.15.0'}`,
        command: SOLVER_COMMAND,
        workingDir: SOLVER_WORKDIR,
        parameters: solveParameters,
        env: Env.for(env, SOLVER_CONTRACT)
          .literal('THOTH_DOCUMENT_ID', '{{inputs.parameters.THOTH_SOLVER_DOCUMENT_ID}}')
          .literal('THOTH_SOLVER_OUTPUT', OUTPUT)
          .literal('THOTH_SOLVER_RAISE_ON_SYSTEM_EXIT_CODES', '1')
          .pushgateway()
          .common()
          .overrides(settings?.env),
        outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'solver', '{{inputs.parameters.THOTH_SOLVER_DOCUMENT_ID}}')],
        writablePaths: ['/mnt/output', SOLVER_WORKDIR],
        resources,
        activeDeadlineSeconds: deadline,
        metrics: taskMetrics(name),
      });
    const solveTemplate = solve('solve', 900, SOLVE_RESOURCES);
    const solveRes = solve('solve-res', 1800, SOLVE_RETRY_RESOURCES);

    const parse = new WorkflowTemplate(this, 'parse-solver-output', {
      env,
      name: 'parse-solver-output',
      namespace,
      component: 'solver',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('parse-solver-output', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: [required('THOTH_DOCUMENT_ID'), required('THOTH_SOLVER_NAME')],
      env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'parse_solver_output')
        .literal('THOTH_SOLVER_DOCUMENT_PATH', OUTPUT)
        // The component the messages are sent in the name of (the reference's).
        .literal('THOTH_MESSAGING_COMPONENT_NAME', 'solver')
        .knowledgeGraph()
        .ceph()
        .pushgateway()
        .common(),
      inputArtifacts: [{ name: 'outputdocument', path: OUTPUT }],
      outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
      writablePaths: ['/mnt/output', '/mnt/workdir'],
      resources: STEP_RESOURCES,
    });

    const arguments_ = [
      required('THOTH_SOLVER_WORKFLOW_ID'),
      { name: 'THOTH_SOLVER_NAME', enum: env.solvers },
      required('THOTH_SOLVER_PACKAGES'),
      required('THOTH_SOLVER_NO_TRANSITIVE'),
      optional('THOTH_SOLVER_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_SOLVER_DEPENDENCY_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_FORCE_SYNC', '0'),
      optional('THOTH_LOG_SOLVER', 'INFO'),
    ];
    const entry = new WorkflowTemplate(this, 'solver-workflow', {
      env,
      name: 'solver-workflow',
      namespace,
      component: 'solver',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: arguments_,
      ttlStrategy: { secondsAfterCompletion: 25 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('solver'),
    });
    const solveArguments = {
      ...passThrough([
        'THOTH_SOLVER_NAME',
        'THOTH_SOLVER_PACKAGES',
        'THOTH_SOLVER_NO_TRANSITIVE',
        'THOTH_SOLVER_INDEXES',
        'THOTH_SOLVER_DEPENDENCY_INDEXES',
        'THOTH_LOG_SOLVER',
      ]),
      THOTH_SOLVER_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}',
    };
    // Both solve templates write the result to the same S3 key; the steps after them read it from there.
    const result = [documentArtifact(env, 'outputdocument', OUTPUT, 'solver', '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}')];
    const solved = 'solverany.Succeeded || solverany-res.Succeeded';
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [
          { name: 'solverany', template: solveTemplate, parameters: solveArguments },
          // When the full resolution fails, resolve the direct dependencies only.
          { name: 'solverany-res', template: solveRes, depends: 'solverany.Failed', parameters: solveArguments },
          {
            name: 'graph-sync-solverany',
            template: graphSync.graphSync,
            depends: solved,
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
            artifacts: result,
          },
          {
            name: 'parse-solver-output',
            template: parse,
            depends: 'graph-sync-solverany.Succeeded',
            parameters: {
              THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}',
              THOTH_SOLVER_NAME: '{{workflow.parameters.THOTH_SOLVER_NAME}}',
            },
            artifacts: result,
          },
          {
            name: 'send-messages',
            template: core.sendMessages,
            depends: 'parse-solver-output.Succeeded',
            artifacts: [{ name: 'messagesdocument', from: '{{tasks.parse-solver-output.outputs.artifacts.messagestobesentdocument}}' }],
          },
        ],
      }),
    );
  }
}
