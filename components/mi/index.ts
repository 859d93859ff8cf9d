import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImage } from '../../src/platform/images.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';

export interface MiProps {
  readonly env: Environment;
}

const COMMON_PARAMETERS: ParameterSpec[] = [
  optional('REPOSITORY', ''),
  optional('ENTITIES', ''),
  optional('KNOWLEDGE_PATH', ''),
  optional('THOTH_ADJUST_LOGGING', 'thoth.mi-scheduler:INFO'),
  optional('MI_THOTH', '1'),
  optional('MI_MERGE', '0'),
];

const RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/**
 * Meta-information workflows (middletier), which mi-scheduler submits: the WorkflowTemplate mi
 * (templates mi-workflow → analyse, 12000 s) analyses a repository's GitHub history, mi-merge
 * (mi-merge-workflow → merge) merges the results; the entry templates mi-analysis-workflow and
 * mi-merge-workflow are the reference's OpenShift Templates mi and mi-merge. They read GitHub with the
 * token mi-scheduler also uses. Defaults: image mi:v2.10.6.
 */
export class Mi extends Construct {
  constructor(scope: Construct, id: string, props: MiProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components.mi;
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'mi', namespace, keys: ['github-access-token'], owner: 'mi', remoteName: 'mi-scheduler' });
    const image = thothImage(env, 'mi', 'v2.10.6', settings);
    const miEnv = () =>
      new Env(env)
        .secret('GITHUB_ACCESS_TOKEN', secret.secretName, 'github-access-token')
        .ceph()
        .common()
        .overrides(settings?.env);

    const build = (name: 'mi' | 'mi-merge', inner: string, stepTemplate: string, extra: ParameterSpec[], args: string[]) => {
      const parameters = [...COMMON_PARAMETERS, ...extra];
      const wt = new WorkflowTemplate(this, name, { env, name, namespace, component: 'mi', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
      const step = wt.addContainer(stepTemplate, {
        image,
        command: ['python3', 'srcopsmetrics/cli.py'],
        args,
        parameters,
        env: miEnv(),
        writablePaths: ['/mnt/knowledge'],
        resources: RESOURCES,
        activeDeadlineSeconds: 12000,
      });
      const steps = wt.addSteps(inner, { parameters, steps: [[{ name: stepTemplate, template: step, parameters: passThrough(parameters.map((p) => p.name), 'inputs') }]] });
      wt.setEntrypoint(steps);
      return { steps, parameters };
    };
    const analysis = build('mi', 'mi-workflow', 'analyse', [optional('CREATE_KNOWLEDGE', '1'), optional('MI_MERGE_PATH', '')], ['--create-knowledge']);
    const merge = build('mi-merge', 'mi-merge-workflow', 'merge', [], ['--merge']);

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
      entry.setEntrypoint(entry.addDag('main', { tasks: [{ name: metric, template: target.steps, parameters: passThrough(target.parameters.map((p) => p.name)) }] }));
    }
  }
}
