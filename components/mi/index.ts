import { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImageOf } from '../image-tags.js';
import type { MiContext } from './context.js';
import { addMiAnalysisWorkflow, addMiMergeWorkflow } from './entry.js';
import { addMiAnalysisTemplate, addMiMergeTemplate } from './steps.js';

/** mi's props: its settings (imageTag, resources, variables) apply to both its steps, analyse and merge. */
export interface MiProps extends WorkflowsComponentProps {
  /** @default the versions table's mi tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 2Gi (MI_RESOURCES) */
  readonly resources?: WorkflowsComponentProps['resources'];
}

/**
 * Meta-information workflows (middletier), which mi-scheduler submits: the WorkflowTemplate mi
 * (templates mi-workflow → analyse, 12000 s) analyses a repository's GitHub history, mi-merge
 * (mi-merge-workflow → merge) merges the results; the entry templates are mi-analysis-workflow and
 * mi-merge-workflow (docs/quirks.md Q1). They read GitHub with the token mi-scheduler also uses.
 */
export class Mi extends Construct {
  constructor(scope: Construct, id: string, props: MiProps) {
    super(scope, id);
    const { env, namespace, resources, variables } = props;
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'mi', namespace, keys: ['github-access-token'], owner: 'mi', remoteName: 'mi-scheduler' });
    const context: MiContext = { env, namespace, resources, variables, image: thothImageOf(env, 'mi', props), githubSecret: secret.secretName };
    const analysis = addMiAnalysisTemplate(this, context);
    const merge = addMiMergeTemplate(this, context);
    addMiAnalysisWorkflow(this, context, analysis);
    addMiMergeWorkflow(this, context, merge);
  }
}
