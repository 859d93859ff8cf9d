import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type Call, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { upstreamImage } from '../../src/platform/images.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { ADVISER_CONTRACT } from '../../src/contracts/images/adviser.js';
import { AMUN_INSPECT_HWINFO_CONTRACT } from '../../src/contracts/images/amun-inspect-hwinfo.js';
import { AMUN_INSPECTIONS_CONTRACT } from '../../src/contracts/images/amun-inspections.js';
import { KANIKO_EXECUTOR_CONTRACT } from '../../src/contracts/images/kaniko-executor.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../src/contracts/images/workflow-helpers.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { ADVISER_COMMAND, ADVISER_INPUT, ADVISER_WORKDIR } from '../adviser/index.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT, type WorkflowCore } from '../workflow-core/index.js';
import type { GraphSync } from '../graph-sync/index.js';
import { thothImageOf } from '../image-tags.js';

export interface AmunInspectionProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

const BUILD_DIR = '/mnt/build';
const RESULTS_DIR = '/mnt/results';
/** What the hardware probe leaves for the inspection's entry point, and where the inspection reports. */
const HWINFO = `${RESULTS_DIR}/hwinfo.json`;
const REPORT = `${RESULTS_DIR}/report.json`;

/** kaniko unpacks the base image over its own root file system: it runs as root, without privileges. */
const KANIKO_ROOT = waiverAnnotation(
  'contract/image',
  'kaniko builds by unpacking the base image over its root file system, which needs uid 0; this namespace enforces the baseline Pod Security Standard for it, and the container has no privilege escalation and no added capabilities',
);

/**
 * The inspected image runs the specification's script as the image's non-root user; the software it
 * installs and runs may write anywhere, as in the reference, so its root file system stays writable.
 */
const INSPECTION_SECURITY = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } };
/** The artifact repository of inspections: one folder per inspection workflow, logs not archived. */
const INSPECTION_ARTIFACTS = 'amun-artifact-ref';

/** Node labels of Node Feature Discovery that pin an inspection to a CPU. */
const CPU_SELECTORS: readonly [parameter: string, label: string][] = [
  ['cpu-family', 'feature.node.kubernetes.io/cpu-model.family'],
  ['cpu-model', 'feature.node.kubernetes.io/cpu-model.id'],
  ['physical-cpus', 'feature.node.kubernetes.io/cpu-hardware_multithreading'],
  ['processor', 'feature.node.kubernetes.io/cpu-model.vendor_id'],
];

const resourcesPatch = (cpu: string, memory: string, withCpu: boolean) =>
  JSON.stringify({
    ...(withCpu ? { nodeSelector: Object.fromEntries(CPU_SELECTORS.map(([parameter, label]) => [label, `{{inputs.parameters.${parameter}}}`])) } : {}),
    containers: [{ name: 'main', resources: { requests: { cpu, memory }, limits: { cpu, memory } } }],
  });

/**
 * Amun inspections (amun-inspection): build the image a specification describes and run it to
 * measure it. OpenShift BuildConfigs and ImageStreams become a kaniko build pushing to `amun.registry`
 * (so this namespace enforces the baseline Pod Security Standard: the build runs as root, without
 * privileges), the run uses the pushed image. Templates: inspection-build(-with-cpu)-template,
 * inspection-run(-with-cpu)-template, create-inspection-complete-message, dm (the dependency monkey);
 * entries amun-inspection-workflow(-with-cpu) and dependency-monkey-workflow.
 * Defaults: kaniko v1.23.2, amun-inspect-hwinfo:v0.1.2, adviser:v0.56.3, workflow-helpers:v0.9.15.
 */
export class AmunInspection extends Construct {
  constructor(scope: Construct, id: string, props: AmunInspectionProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'amun-inspection');
    const settings = env.components['amun-inspection'];
    const core = props.workflowCore;
    const { graphSync } = props;
    const registry = new ExternalSecret(this, 'RegistrySecret', {
      env,
      name: 'amun-registry',
      namespace,
      keys: ['.dockerconfigjson'],
      owner: 'amun-inspection',
      type: 'kubernetes.io/dockerconfigjson',
    });
    new k8s.KubeConfigMap(this, 'ArtifactRepository', {
      metadata: { name: INSPECTION_ARTIFACTS, namespace, labels: objectLabels('amun-inspection', 'artifact-repository') },
      data: {
        default: `${JSON.stringify(
          {
            archiveLogs: false,
            s3: {
              bucket: env.s3.bucket,
              endpoint: new URL(env.s3.endpointUrl).host,
              keyFormat: `${env.s3.bucketPrefix}/${env.deploymentName}/inspections/{{workflow.name}}`,
              accessKeySecret: { name: 'argo-artifact-repository-secrets', key: 'accessKey' },
              secretKeySecret: { name: 'argo-artifact-repository-secrets', key: 'secretKey' },
            },
          },
          null,
          2,
        )}\n`,
      },
    });

    const buildTemplate = (withCpu: boolean): TemplateHandle => {
      const name = withCpu ? 'inspection-build-with-cpu-template' : 'inspection-build-template';
      const wt = new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'amun-inspection',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        annotations: KANIKO_ROOT,
      });
      const parameters: ParameterSpec[] = [
        required('inspection-id'),
        required('dockerfile', 'the Dockerfile to build'),
        optional('specification', '{}'),
        optional('cpu', withCpu ? '1' : '500m'),
        optional('memory', '512Mi'),
        ...(withCpu ? CPU_SELECTORS.map(([parameter]) => required(parameter)) : []),
      ];
      // Argo writes the Dockerfile and the specification into the build context from the parameters.
      const build = wt.addContainer('build', {
        image: upstreamImage('gcr.io/kaniko-project/executor', 'v1.23.2', settings),
        args: [
          `--context=dir://${BUILD_DIR}`,
          `--dockerfile=${BUILD_DIR}/Dockerfile`,
          `--destination=${env.amun.registry}:{{inputs.parameters.inspection-id}}`,
          '--cleanup',
        ],
        parameters,
        env: Env.for(env, KANIKO_EXECUTOR_CONTRACT),
        inputArtifacts: [
          { name: 'dockerfile', path: `${BUILD_DIR}/Dockerfile`, raw: { data: '{{inputs.parameters.dockerfile}}' } },
          { name: 'specification', path: `${BUILD_DIR}/specification.json`, raw: { data: '{{inputs.parameters.specification}}' } },
        ],
        volumeMounts: [{ name: 'registry', mountPath: '/kaniko/.docker', readOnly: true }],
        runsAsRoot: true,
        podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '4Gi' } },
        // Named apart from the run's results: both go to the inspection's one artifact folder.
        outputArtifacts: [{ name: 'build', path: BUILD_DIR }],
        retryStrategy: { limit: '3', retryPolicy: 'OnError' },
      });
      wt.addTemplateVolume('build', {
        name: 'registry',
        secret: { secretName: registry.secretName, items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
      });
      const main = wt.addSteps('main', {
        parameters,
        steps: [
          [
            {
              name: 'build',
              template: build,
              parameters: passThrough(
                parameters.map((p) => p.name),
                'inputs',
              ),
            },
          ],
        ],
      });
      wt.setEntrypoint(main);
      return main;
    };

    const runTemplate = (withCpu: boolean): TemplateHandle => {
      const name = withCpu ? 'inspection-run-with-cpu-template' : 'inspection-run-template';
      const wt = new WorkflowTemplate(this, name, { env, name, namespace, component: 'amun-inspection', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
      const parameters: ParameterSpec[] = [
        required('inspection-id'),
        optional('batch-size', '1'),
        optional('cpu', '750m'),
        optional('memory', '1Gi'),
        ...(withCpu ? CPU_SELECTORS.map(([parameter]) => required(parameter)) : []),
      ];
      const run = wt.addContainer('run', {
        // The image this inspection built, pushed under its id.
        image: `${env.amun.registry}:{{inputs.parameters.inspection-id}}`,
        parameters,
        env: Env.for(env, AMUN_INSPECTIONS_CONTRACT)
          .literal('THOTH_AMUN_HWINFO_PATH', HWINFO)
          .literal('THOTH_OUTPUT_PATH', REPORT)
          .literal('THOTH_AMUN_STDOUT_PATH', `${RESULTS_DIR}/script.stdout`)
          .literal('THOTH_AMUN_STDERR_PATH', `${RESULTS_DIR}/script.stderr`),
        writablePaths: [RESULTS_DIR],
        securityContext: INSPECTION_SECURITY,
        podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
        resources: { requests: { cpu: '750m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
        initContainers: [
          {
            name: 'hwinfo',
            image: thothImageOf(env, 'amun-inspect-hwinfo'),
            env: [...Env.for(env, AMUN_INSPECT_HWINFO_CONTRACT).literal('THOTH_OUTPUT_PATH', HWINFO).vars],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              runAsNonRoot: true,
              runAsUser: 1001,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
            volumeMounts: [{ name: 'writable-mnt-results', mountPath: RESULTS_DIR }],
          },
        ],
        outputArtifacts: [{ name: 'results', path: RESULTS_DIR }],
      });
      const main = wt.addSteps('main', {
        parameters,
        steps: [
          [
            {
              name: 'run',
              template: run,
              parameters: passThrough(
                parameters.map((p) => p.name),
                'inputs',
              ),
            },
          ],
        ],
      });
      wt.setEntrypoint(main);
      return main;
    };

    const complete = new WorkflowTemplate(this, 'create-inspection-complete-message', {
      env,
      name: 'create-inspection-complete-message',
      namespace,
      component: 'amun-inspection',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('create-inspection-complete-message', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: [required('inspection-id'), optional('force-sync', '0')],
      env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'create_inspection_complete_message')
        .literal('THOTH_AMUN_INSPECTION_ID', '{{inputs.parameters.inspection-id}}')
        .literal('THOTH_FORCE_SYNC', '{{inputs.parameters.force-sync}}')
        .common(),
      outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
      writablePaths: ['/mnt/workdir'],
      resources: STEP_RESOURCES,
    });

    for (const withCpu of [false, true]) {
      const build = buildTemplate(withCpu);
      const run = runTemplate(withCpu);
      const name = withCpu ? 'amun-inspection-workflow-with-cpu' : 'amun-inspection-workflow';
      const cpuArguments = withCpu ? CPU_SELECTORS.map(([parameter]) => required(parameter.toUpperCase().replaceAll('-', '_'))) : [];
      const entry = new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'amun-inspection',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        arguments: [
          required('AMUN_INSPECTION_ID'),
          required('AMUN_DOCKERFILE'),
          optional('AMUN_SPECIFICATION', '{}'),
          optional('THOTH_SEND_MESSAGES', '1'),
          optional('THOTH_FORCE_SYNC', '0'),
          optional('AMUN_RUN_CPU', '750m'),
          optional('AMUN_RUN_MEMORY', '1Gi'),
          optional('AMUN_BUILD_CPU', withCpu ? '1' : '750m'),
          optional('AMUN_BUILD_MEMORY', '1Gi'),
          ...cpuArguments,
        ],
        ttlStrategy: { secondsAfterCompletion: 259200 },
        activeDeadlineSeconds: 14400,
        metrics: workflowMetrics(name),
        artifactRepositoryRef: { configMap: INSPECTION_ARTIFACTS, key: 'default' },
        // The inspected image is private like the push: its pull (and Argo's entrypoint lookup) needs the credentials.
        imagePullSecrets: [registry.secretName],
      });
      const cpu = withCpu
        ? Object.fromEntries(CPU_SELECTORS.map(([parameter]) => [parameter, `{{workflow.parameters.${parameter.toUpperCase().replaceAll('-', '_')}}}`]))
        : {};
      const tasks: Call[] = [
        {
          name: 'inspection-build',
          template: build,
          parameters: {
            'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}',
            dockerfile: '{{workflow.parameters.AMUN_DOCKERFILE}}',
            specification: '{{workflow.parameters.AMUN_SPECIFICATION}}',
            cpu: '{{workflow.parameters.AMUN_BUILD_CPU}}',
            memory: '{{workflow.parameters.AMUN_BUILD_MEMORY}}',
            ...cpu,
          },
        },
        {
          name: 'inspection-run',
          template: run,
          dependencies: ['inspection-build'],
          parameters: {
            'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}',
            cpu: '{{workflow.parameters.AMUN_RUN_CPU}}',
            memory: '{{workflow.parameters.AMUN_RUN_MEMORY}}',
            ...cpu,
          },
        },
        {
          name: 'create-inspection-complete-message',
          template: complete,
          dependencies: ['inspection-run'],
          when: '{{workflow.parameters.THOTH_SEND_MESSAGES}} == 1',
          parameters: { 'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}', 'force-sync': '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
        },
        {
          name: 'send-messages',
          template: core.sendMessages,
          depends: 'create-inspection-complete-message.Succeeded',
          artifacts: [{ name: 'messagesdocument', from: '{{tasks.create-inspection-complete-message.outputs.artifacts.messagestobesentdocument}}' }],
        },
      ];
      entry.setEntrypoint(entry.addDag('main', { tasks }));
    }

    this.addDependencyMonkey(env, namespace, graphSync.graphSync);
  }

  /** dm and dependency-monkey-workflow: generate stacks with the adviser and sync the report. */
  private addDependencyMonkey(env: Environment, namespace: string, graphSync: TemplateHandle): void {
    const parameters: ParameterSpec[] = [
      required('THOTH_DEPENDENCY_MONKEY_JOB_ID'),
      required('THOTH_DOCUMENT_ID'),
      optional('THOTH_LOG_ADVISER', 'INFO'),
      optional('THOTH_ADVISER_BEAM_WIDTH', '1000000'),
      optional('THOTH_DEPENDENCY_MONKEY_STACK_OUTPUT', '-'),
      optional('THOTH_DEPENDENCY_MONKEY_SEED', '42'),
      optional('THOTH_ADVISER_DEV', '0'),
      optional('THOTH_DEPENDENCY_MONKEY_DECISION_TYPE', 'all'),
      optional('THOTH_DEPENDENCY_MONKEY_DRY_RUN', '0'),
      optional('THOTH_DEPENDENCY_MONKEY_COUNT', '10000'),
      optional('THOTH_ADVISER_LIMIT_LATEST_VERSIONS', '-1'),
      optional('THOTH_ADVISER_PREDICTOR', 'AUTO'),
      optional('THOTH_ADVISER_PREDICTOR_CONFIG', '{}'),
    ];
    const output = '/mnt/output/document.json';
    const dm = new WorkflowTemplate(this, 'dm', {
      env,
      name: 'dm',
      namespace,
      component: 'adviser',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('dm', {
      image: thothImageOf(env, 'adviser', env.components.adviser),
      command: ADVISER_COMMAND,
      parameters,
      // prepare.py writes the request's Pipfile, pipeline, runtime environment and context into the input folder.
      env: Env.for(env, ADVISER_CONTRACT, 'dependency-monkey')
        .literal('THOTH_ADVISER_WORKDIR', ADVISER_WORKDIR)
        .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
        .literal('THOTH_ADVISER_RUNTIME_ENVIRONMENT', `${ADVISER_INPUT}/runtime_environment.json`)
        .literal('THOTH_ADVISER_PIPELINE', `${ADVISER_INPUT}/pipeline.json`)
        .literal('THOTH_AMUN_CONTEXT', `${ADVISER_INPUT}/context.json`)
        .literal('THOTH_DEPENDENCY_MONKEY_REPORT_OUTPUT', output)
        .knowledgeGraph()
        .pushgateway()
        .common(),
      inputArtifacts: [
        {
          name: 'inputdocument',
          path: `${ADVISER_WORKDIR}/{{inputs.parameters.THOTH_DOCUMENT_ID}}.request`,
          s3: { key: `${env.s3.bucketPrefix}/${env.deploymentName}/dependency-monkey-requests/{{inputs.parameters.THOTH_DOCUMENT_ID}}.request` },
          archive: { none: {} },
        },
      ],
      outputArtifacts: [
        {
          name: 'outputdocument',
          path: output,
          s3: { key: `${env.s3.bucketPrefix}/${env.deploymentName}/dependency-monkey-reports/{{inputs.parameters.THOTH_DEPENDENCY_MONKEY_JOB_ID}}` },
          archive: { none: {} },
        },
      ],
      writablePaths: ['/mnt/workdir', '/mnt/output'],
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    });
    const entry = new WorkflowTemplate(this, 'dependency-monkey-workflow', {
      env,
      name: 'dependency-monkey-workflow',
      namespace,
      component: 'adviser',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: [...parameters, optional('THOTH_FORCE_SYNC', '0')],
      ttlStrategy: { secondsAfterCompletion: 1800 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('dependency-monkey'),
    });
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [
          { name: 'dm', template: dm, parameters: passThrough(parameters.map((p) => p.name)) },
          {
            name: 'graph-sync-dm',
            template: graphSync,
            dependencies: ['dm'],
            when: '{{workflow.parameters.THOTH_DEPENDENCY_MONKEY_DRY_RUN}} == 0',
            parameters: {
              THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DEPENDENCY_MONKEY_JOB_ID}}',
              THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}',
            },
            artifacts: [{ name: 'outputdocument', from: '{{tasks.dm.outputs.artifacts.outputdocument}}' }],
          },
        ],
      }),
    );
  }
}
