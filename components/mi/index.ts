import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { MI_CONTRACT } from '../contracts/images/mi.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';

export interface MiProps {
  readonly env: Environment;
}

/**
 * The parameter names a scheduler passes (docs/quirks.md Q38); the program reads them as
 * MI_<OPTION> (srcopsmetrics' click prefix). Paths are relative to the working directory and are
 * also the Ceph keys' prefix.
 */
const COMMON_PARAMETERS: ParameterSpec[] = [
  optional('REPOSITORY', ''),
  optional('ENTITIES', ''),
  optional('KNOWLEDGE_PATH', './srcopsmetrics/'),
  optional('MI_THOTH', '1'),
  optional('MI_MERGE', '0'),
];

/**
 * The program creates its knowledge directories in the directory it runs in, even when it stores to
 * Ceph: it runs in the pod's writable /tmp, by its path in the image.
 */
const MI_COMMAND = ['python3', '/opt/app-root/src/srcopsmetrics/cli.py'];
const MI_WORKDIR = '/tmp';

const RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/**
 * Meta-information workflows (middletier), which mi-scheduler submits: the WorkflowTemplate mi
 * (templates mi-workflow → analyse, 12000 s) analyses a repository's GitHub history, mi-merge
 * (mi-merge-workflow → merge) merges the results; the entry templates are mi-analysis-workflow and
 * mi-merge-workflow (docs/quirks.md Q1). They read GitHub with the token mi-scheduler also uses.
 * Defaults: image mi:v2.10.6.
 */
export class Mi extends Construct {
  constructor(scope: Construct, id: string, props: MiProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components.mi;
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'mi', namespace, keys: ['github-access-token'], owner: 'mi', remoteName: 'mi-scheduler' });
    const image = thothImageOf(env, 'mi', settings);
    const miEnv = (mode: 'create-knowledge' | 'merge') =>
      Env.for(env, MI_CONTRACT, mode)
        .secret('GITHUB_ACCESS_TOKEN', secret.secretName, 'github-access-token')
        .literal('MI_REPOSITORY', '{{inputs.parameters.REPOSITORY}}')
        .literal('MI_ENTITIES', '{{inputs.parameters.ENTITIES}}')
        .literal('MI_KNOWLEDGE_PATH', '{{inputs.parameters.KNOWLEDGE_PATH}}')
        // The Ceph prefix is the one setting without a THOTH_ fallback in the program.
        .configMap('CEPH_BUCKET_PREFIX', 'ceph', 'bucket-prefix')
        .ceph()
        .common()
        .overrides(settings?.env);

    const build = (
      name: 'mi' | 'mi-merge',
      inner: string,
      stepTemplate: string,
      extra: ParameterSpec[],
      mode: 'create-knowledge' | 'merge',
      annotations?: Record<string, string>,
    ) => {
      const parameters = [...COMMON_PARAMETERS, ...extra];
      const wt = new WorkflowTemplate(this, name, { env, name, namespace, component: 'mi', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT, annotations });
      const step = wt.addContainer(stepTemplate, {
        image,
        command: MI_COMMAND,
        workingDir: MI_WORKDIR,
        args: [`--${mode}`],
        parameters,
        env: miEnv(mode),
        resources: RESOURCES,
        activeDeadlineSeconds: 12000,
      });
      const steps = wt.addSteps(inner, {
        parameters,
        steps: [
          [
            {
              name: stepTemplate,
              template: step,
              parameters: passThrough(
                parameters.map((p) => p.name),
                'inputs',
              ),
            },
          ],
        ],
      });
      wt.setEntrypoint(steps);
      return { steps, parameters };
    };
    const analysis = build('mi', 'mi-workflow', 'analyse', [optional('MI_MERGE_PATH', './srcopsmetrics/metrics')], 'create-knowledge');
    // Rendered for mi-scheduler, though nothing submits it here (docs/quirks.md Q39).
    const merge = build('mi-merge', 'mi-merge-workflow', 'merge', [], 'merge', {
      ...waiverAnnotation(
        'contract/image',
        'mi --merge finds no per-repository files in a fresh pod and stores zero totals; nothing submits mi-merge-workflow here (mi-scheduler is suspended: OpenShift only)',
      ),
    });

    for (const [name, target, metric] of [
      ['mi-analysis-workflow', analysis, 'mi'],
      ['mi-merge-workflow', merge, 'mi-merge'],
    ] as const) {
      const entry = new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'mi',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        arguments: [required('WORKFLOW_ID'), ...target.parameters],
        ttlStrategy: { secondsAfterCompletion: 10 },
        activeDeadlineSeconds: 12000,
        metrics: workflowMetrics(metric),
      });
      entry.setEntrypoint(
        entry.addDag('main', { tasks: [{ name: metric, template: target.steps, parameters: passThrough(target.parameters.map((p) => p.name)) }] }),
      );
    }
  }
}
