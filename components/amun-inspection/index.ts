import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type Call, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImage, upstreamImage } from '../../src/platform/images.js';
import { objectLabels } from '../../src/platform/metadata.js';
import type { RenderContext } from '../../charts/context.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';

export interface AmunInspectionProps {
  readonly env: Environment;
  readonly context: RenderContext;
}

const BUILD_DIR = '/mnt/build';
const RESULTS_DIR = '/mnt/results';
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
    const { env, context } = props;
    const namespace = namespaceOf(env, 'amun-inspection');
    const settings = env.components['amun-inspection'];
    const core = context.workflowCore(this, namespace);
    const graphSync = context.graphSync(this, namespace);
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
      const wt = new WorkflowTemplate(this, name, { env, name, namespace, component: 'amun-inspection', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
      const parameters: ParameterSpec[] = [
        required('inspection-id'),
        required('dockerfile', 'the Dockerfile to build'),
        optional('specification', '{}'),
        optional('cpu', withCpu ? '1' : '500m'),
        optional('memory', '512Mi'),
        ...(withCpu ? CPU_SELECTORS.map(([parameter]) => required(parameter)) : []),
      ];
      const prepare = wt.addScript('prepare-env', {
        image: thothImage(env, 'workflow-helpers', 'v0.9.15'),
        command: ['sh'],
        source: `printf '%s' "$DOCKERFILE" > ${BUILD_DIR}/Dockerfile && printf '%s' "$SPECIFICATION" > ${BUILD_DIR}/specification.json`,
        parameters: [required('dockerfile'), optional('specification', '{}')],
        env: new Env(env).literal('DOCKERFILE', '{{inputs.parameters.dockerfile}}').literal('SPECIFICATION', '{{inputs.parameters.specification}}'),
        volumeMounts: [{ name: 'build', mountPath: BUILD_DIR }],
        resources: STEP_RESOURCES,
      });
      const build = wt.addContainer('build', {
        image: upstreamImage('gcr.io/kaniko-project/executor', 'v1.23.2', settings),
        args: [`--context=dir://${BUILD_DIR}`, `--dockerfile=${BUILD_DIR}/Dockerfile`, `--destination=${env.amun.registry}:{{inputs.parameters.inspection-id}}`, '--cleanup'],
        parameters,
        volumeMounts: [
          { name: 'build', mountPath: BUILD_DIR },
          { name: 'registry', mountPath: '/kaniko/.docker', readOnly: true },
        ],
        runsAsRoot: true,
        podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '4Gi' } },
        // Named apart from the run's results: both go to the inspection's one artifact folder.
        outputArtifacts: [{ name: 'build', path: BUILD_DIR }],
        retryStrategy: { limit: '3', retryPolicy: 'OnError' },
      });
      wt.addTemplateVolume('build', { name: 'registry', secret: { secretName: registry.secretName, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } });
      const main = wt.addSteps('main', {
        parameters,
        steps: [
          [{ name: 'prepare-env', template: prepare, parameters: passThrough(['dockerfile', 'specification'], 'inputs') }],
          [{ name: 'build', template: build, parameters: passThrough(parameters.map((p) => p.name), 'inputs') }],
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
        env: new Env(env).literal('THOTH_AMUN_INSPECTION_ID', '{{inputs.parameters.inspection-id}}').literal('THOTH_AMUN_RESULTS_DIR', RESULTS_DIR),
        writablePaths: [RESULTS_DIR],
        runsAsRoot: true,
        podSpecPatch: resourcesPatch('{{inputs.parameters.cpu}}', '{{inputs.parameters.memory}}', withCpu),
        resources: { requests: { cpu: '750m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
        initContainers: [
          {
            name: 'hwinfo',
            image: thothImage(env, 'amun-inspect-hwinfo', 'v0.1.2'),
            env: [{ name: 'THOTH_AMUN_RESULTS_DIR', value: RESULTS_DIR }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1001, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ name: 'writable-mnt-results', mountPath: RESULTS_DIR }],
          },
        ],
        outputArtifacts: [{ name: 'results', path: RESULTS_DIR }],
      });
      const main = wt.addSteps('main', { parameters, steps: [[{ name: 'run', template: run, parameters: passThrough(parameters.map((p) => p.name), 'inputs') }]] });
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
      image: thothImage(env, 'workflow-helpers', 'v0.9.15'),
      parameters: [required('inspection-id'), optional('force-sync', '0')],
      env: new Env(env)
        .literal('THOTH_WORKFLOW_TASK', 'create-inspection-complete-message')
        .literal('THOTH_AMUN_INSPECTION_ID', '{{inputs.parameters.inspection-id}}')
        .literal('THOTH_FORCE_SYNC', '{{inputs.parameters.force-sync}}')
        .literal('FILE_PATH', MESSAGES_FILE)
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
        volumeClaimTemplates: [{ name: 'build', storage: '5Gi' }],
      });
      const cpu = withCpu ? Object.fromEntries(CPU_SELECTORS.map(([parameter]) => [parameter, `{{workflow.parameters.${parameter.toUpperCase().replaceAll('-', '_')}}}`])) : {};
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
          parameters: { 'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}', cpu: '{{workflow.parameters.AMUN_RUN_CPU}}', memory: '{{workflow.parameters.AMUN_RUN_MEMORY}}', ...cpu },
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
    const dm = new WorkflowTemplate(this, 'dm', { env, name: 'dm', namespace, component: 'adviser', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT }).addContainer('dm', {
      image: thothImage(env, 'adviser', 'v0.56.3', env.components.adviser),
      parameters,
      env: new Env(env)
        .literal('THOTH_ADVISER_SUBCOMMAND', 'dependency-monkey')
        .literal('THOTH_DEPENDENCY_MONKEY_REPORT_OUTPUT', output)
        .literal('THOTH_AMUN_CONTEXT', '{}')
        .configMap('AMUN_API_URL', 'thoth', 'amun-api-url')
        .knowledgeGraph()
        .ceph()
        .pushgateway()
        .common(),
      inputArtifacts: [
        {
          name: 'inputdocument',
          path: '/mnt/workdir/dm.request',
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
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DEPENDENCY_MONKEY_JOB_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
            artifacts: [{ name: 'outputdocument', from: '{{tasks.dm.outputs.artifacts.outputdocument}}' }],
          },
        ],
      }),
    );
  }
}
