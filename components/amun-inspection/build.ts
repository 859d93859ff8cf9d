import type { Construct } from 'constructs';
import { optional, required } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { upstreamImage } from '../../src/platform/images.js';
import { resolveResources } from '../../src/platform/pod.js';
import { KANIKO_EXECUTOR_CONTRACT } from '../contracts/images/kaniko-executor.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { cpuParameters, enterThroughStep, inspectionTemplate, resourcesPatch, type InspectionContext } from './context.js';
import { thothEnv } from '../shared/env.js';

const BUILD_DIR = '/mnt/build';

/** The kaniko executor's tag, unless the environment pins another (amun-inspection's imageTag). */
const KANIKO_TAG = 'v1.23.2';

/** kaniko unpacks the base image over its own root file system: it runs as root, without privileges. */
const KANIKO_ROOT = waiverAnnotation(
  'contract/image',
  'kaniko builds by unpacking the base image over its root file system, which needs uid 0; this namespace enforces the baseline Pod Security Standard for it, and the container has no privilege escalation and no added capabilities',
);

/** inspection-build(-with-cpu)-template: kaniko builds the specification's Dockerfile and pushes the image under the inspection's id. */
export function addBuildTemplate(scope: Construct, context: InspectionContext, withCpu: boolean): TemplateHandle {
  const { env } = context;
  const name = withCpu ? 'inspection-build-with-cpu-template' : 'inspection-build-template';
  const wt = inspectionTemplate(scope, context, name, { annotations: KANIKO_ROOT });
  const parameters: ParameterSpec[] = [
    required('inspection-id'),
    required('dockerfile', 'the Dockerfile to build'),
    optional('specification', '{}'),
    optional('cpu', withCpu ? '1' : '500m'),
    optional('memory', '512Mi'),
    ...cpuParameters(withCpu),
  ];
  // Argo writes the Dockerfile and the specification into the build context from the parameters.
  const build = wt.addContainer('build', {
    image: upstreamImage('gcr.io/kaniko-project/executor', KANIKO_TAG, context),
    args: [
      `--context=dir://${BUILD_DIR}`,
      `--dockerfile=${BUILD_DIR}/Dockerfile`,
      `--destination=${env.amun.registry}:{{inputs.parameters.inspection-id}}`,
      '--cleanup',
    ],
    parameters,
    env: thothEnv(env, KANIKO_EXECUTOR_CONTRACT).overrides(context.variables),
    inputArtifacts: [
      { name: 'dockerfile', path: `${BUILD_DIR}/Dockerfile`, raw: { data: '{{inputs.parameters.dockerfile}}' } },
      { name: 'specification', path: `${BUILD_DIR}/specification.json`, raw: { data: '{{inputs.parameters.specification}}' } },
    ],
    volumeMounts: [{ name: 'registry', mountPath: '/kaniko/.docker', readOnly: true }],
    runsAsRoot: true,
    podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
    resources: resolveResources({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '4Gi' } }, context.resources),
    // Named apart from the run's results: both go to the inspection's one artifact folder.
    outputArtifacts: [{ name: 'build', path: BUILD_DIR }],
    retryStrategy: { limit: '3', retryPolicy: 'OnError' },
  });
  wt.addTemplateVolume('build', {
    name: 'registry',
    secret: { secretName: context.registrySecret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
  });
  return enterThroughStep(wt, 'build', build, parameters);
}
