import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { addAdministratorTemplate, addAdministratorWorkflow } from './administrator.js';
import type { KebechetContext } from './context.js';
import { addUpdateInstallationTemplate } from './installation.js';
import { addRunTemplate, addRunUrlTemplate, addRunUrlWorkflow, addRunWorkflow } from './run.js';
import { addKebechetSecret } from './secret.js';

export { KEBECHET_SECRET_KEYS, KEBECHET_SECRET_MOUNT, KEBECHET_SSH_WAIVER, type KebechetMode, kebechetEnv, withKebechetSecret } from './secret.js';

export interface KebechetProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
}

/**
 * Kebechet's workflows (backend): step templates kebechet, kebechet-run-url, kebechet-administrator and
 * update-kebechet-installation; entry templates kebechet-workflow, kebechet-run-url-workflow and
 * kebechet-administrator-workflow (docs/quirks.md Q1); and the `kebechet` Secret (an ExternalSecret),
 * which the ssh key is mounted from.
 * Defaults: images kebechet-job:v1.11.2 and workflow-helpers:v0.9.15.
 */
export class Kebechet extends Construct {
  constructor(scope: Construct, id: string, props: KebechetProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.kebechet;
    addKebechetSecret(this, env, namespace);
    const context: KebechetContext = { env, namespace, settings, image: thothImageOf(env, 'kebechet-job', settings) };
    const kebechet = addRunTemplate(this, context);
    const runUrl = addRunUrlTemplate(this, context);
    const administrator = addAdministratorTemplate(this, context);
    addUpdateInstallationTemplate(this, context);
    addRunWorkflow(this, context, kebechet);
    addRunUrlWorkflow(this, context, runUrl);
    addAdministratorWorkflow(this, context, administrator, props.workflowCore.sendMessages);
  }
}
