import type { Construct } from 'constructs';
import { SKIP_MEMORY_LIMIT, SOLVER_CONTRACT } from '../contracts/images/solver.js';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { optional, required, taskMetrics } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle, WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { OUTPUT, type SolverContext, solverTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * The solver creates its virtualenv in the directory it runs in, which the image's run script makes
 * its read-only home: the program is started directly, in a writable directory, and without its
 * cgroup memory probe, which stops it on every cgroup v2 node (the memory limit is the pod's, and an
 * installation the kernel kills fails the step, which solve-res retries with more).
 */
const SOLVER_COMMAND = SKIP_MEMORY_LIMIT;
const SOLVER_WORKDIR = '/home/solver';

/** The solver images' tag, unless the environment pins another: they are not in the versions table, their names being the solvers'. */
const SOLVER_IMAGE_TAG = 'v1.15.0';

/** The full resolution, and the retry with twice the resources when it was killed for memory (the environment's resources replace both). */
const SOLVE_RESOURCES = { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };
const SOLVE_RETRY_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } };

/** The parameters both solve templates take. */
function solveParameters({ env }: SolverContext): ParameterSpec[] {
  return [
    { name: 'THOTH_SOLVER_NAME', enum: env.solvers, description: 'a solver this environment configures' },
    required('THOTH_SOLVER_DOCUMENT_ID'),
    required('THOTH_SOLVER_PACKAGES'),
    optional('THOTH_SOLVER_NO_TRANSITIVE', '1'),
    optional('THOTH_SOLVER_INDEXES', 'https://pypi.org/simple'),
    optional('THOTH_SOLVER_DEPENDENCY_INDEXES', 'https://pypi.org/simple'),
    optional('THOTH_LOG_SOLVER', 'INFO'),
  ];
}

/** solver-any: `solve`, the full resolution in 15 minutes, and `solve-res`, its 30-minute retry with twice the resources. */
export function addSolverAny(scope: Construct, context: SolverContext): { readonly solve: TemplateHandle; readonly solveRes: TemplateHandle } {
  const solverAny = solverTemplate(scope, context, 'solver-any');
  const parameters = solveParameters(context);
  return {
    solve: addSolve(solverAny, context, parameters, 'solve', 900, SOLVE_RESOURCES),
    solveRes: addSolve(solverAny, context, parameters, 'solve-res', 1800, SOLVE_RETRY_RESOURCES),
  };
}

/** One solve template: the requested solver's image, run with the given deadline and resources. */
function addSolve(
  solverAny: WorkflowTemplate,
  { env, imageTag, resources: overrides, variables }: SolverContext,
  parameters: readonly ParameterSpec[],
  name: string,
  deadline: number,
  resources: typeof SOLVE_RESOURCES,
): TemplateHandle {
  return solverAny.addContainer(name, {
    // One image per configured solver, chosen by the (enum-checked) solver name, at a pinned tag.
    image: `${env.images.registry}/{{inputs.parameters.THOTH_SOLVER_NAME}}:${imageTag ?? SOLVER_IMAGE_TAG}`,
    command: SOLVER_COMMAND,
    workingDir: SOLVER_WORKDIR,
    parameters,
    env: thothEnv(env, SOLVER_CONTRACT)
      .literal('THOTH_DOCUMENT_ID', '{{inputs.parameters.THOTH_SOLVER_DOCUMENT_ID}}')
      .literal('THOTH_SOLVER_OUTPUT', OUTPUT)
      .literal('THOTH_SOLVER_RAISE_ON_SYSTEM_EXIT_CODES', '1')
      .pushgateway()
      .common()
      .overrides(variables),
    outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'solver', '{{inputs.parameters.THOTH_SOLVER_DOCUMENT_ID}}')],
    writablePaths: ['/mnt/output', SOLVER_WORKDIR],
    resources: resolveResources(resources, overrides),
    activeDeadlineSeconds: deadline,
    metrics: taskMetrics(name),
  });
}
