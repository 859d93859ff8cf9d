import type { Construct } from 'constructs';
import { optional, required } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import type { Environment } from '../shared/environment.js';
import { AMUN_INSPECT_HWINFO_CONTRACT } from '../contracts/images/amun-inspect-hwinfo.js';
import { AMUN_INSPECTIONS_CONTRACT } from '../contracts/images/amun-inspections.js';
import { thothImageOf } from '../image-tags.js';
import { cpuParameters, enterThroughStep, inspectionTemplate, resourcesPatch, type InspectionContext } from './context.js';
import { thothEnv } from '../shared/env.js';

const RESULTS_DIR = '/mnt/results';
/** What the hardware probe leaves for the inspection's entry point, and where the inspection reports. */
const HWINFO = `${RESULTS_DIR}/hwinfo.json`;
const REPORT = `${RESULTS_DIR}/report.json`;

/**
 * The inspected image runs the specification's script as the image's non-root user; the software it
 * installs and runs may write anywhere, as in the reference, so its root file system stays writable.
 */
const INSPECTION_SECURITY = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } };

/** inspection-run(-with-cpu)-template: run the image the build pushed, after recording the node's hardware. */
export function addRunTemplate(scope: Construct, context: InspectionContext, withCpu: boolean): TemplateHandle {
  const { env } = context;
  const name = withCpu ? 'inspection-run-with-cpu-template' : 'inspection-run-template';
  const wt = inspectionTemplate(scope, context, name);
  const parameters: ParameterSpec[] = [
    required('inspection-id'),
    optional('batch-size', '1'),
    optional('cpu', '750m'),
    optional('memory', '1Gi'),
    ...cpuParameters(withCpu),
  ];
  const run = wt.addContainer('run', {
    // The image this inspection built, pushed under its id.
    image: `${env.amun.registry}:{{inputs.parameters.inspection-id}}`,
    parameters,
    env: thothEnv(env, AMUN_INSPECTIONS_CONTRACT)
      .literal('THOTH_AMUN_HWINFO_PATH', HWINFO)
      .literal('THOTH_OUTPUT_PATH', REPORT)
      .literal('THOTH_AMUN_STDOUT_PATH', `${RESULTS_DIR}/script.stdout`)
      .literal('THOTH_AMUN_STDERR_PATH', `${RESULTS_DIR}/script.stderr`),
    writablePaths: [RESULTS_DIR],
    securityContext: INSPECTION_SECURITY,
    podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
    resources: { requests: { cpu: '750m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    initContainers: [hwinfoContainer(env)],
    outputArtifacts: [{ name: 'results', path: RESULTS_DIR }],
  });
  return enterThroughStep(wt, 'run', run, parameters);
}

/** The init container that probes the node's hardware into HWINFO for the inspection to read. */
function hwinfoContainer(env: Environment): object {
  return {
    name: 'hwinfo',
    image: thothImageOf(env, 'amun-inspect-hwinfo'),
    env: [...thothEnv(env, AMUN_INSPECT_HWINFO_CONTRACT).literal('THOTH_OUTPUT_PATH', HWINFO).vars],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      runAsUser: 1001,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
    },
    volumeMounts: [{ name: 'writable-mnt-results', mountPath: RESULTS_DIR }],
  };
}
