import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImageOf } from '../image-tags.js';
import type { MiContext } from './context.js';
import { addMiAnalysisWorkflow, addMiMergeWorkflow } from './entry.js';
import { addMiAnalysisTemplate, addMiMergeTemplate } from './steps.js';

export interface MiProps {
  readonly env: Environment;
}

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
    const context: MiContext = { env, namespace, settings, image: thothImageOf(env, 'mi', settings), githubSecret: secret.secretName };
    const analysis = addMiAnalysisTemplate(this, context);
    const merge = addMiMergeTemplate(this, context);
    addMiAnalysisWorkflow(this, context, analysis);
    addMiMergeWorkflow(this, context, merge);
  }
}
