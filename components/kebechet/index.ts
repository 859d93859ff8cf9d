import { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { addAdministratorTemplate, addAdministratorWorkflow } from './administrator.js';
import type { KebechetContext } from './context.js';
import { addUpdateInstallationTemplate } from './installation.js';
import { addRunTemplate, addRunUrlTemplate, addRunUrlWorkflow, addRunWorkflow } from './run.js';
import { addKebechetSecret } from './secret.js';

export { KEBECHET_SECRET_KEYS, KEBECHET_SECRET_MOUNT, KEBECHET_SSH_WAIVER, type KebechetMode, kebechetEnv, withKebechetSecret } from './secret.js';

/** Kebechet's props: its settings (imageTag, resources, variables) apply to the Kebechet runs, kebechet and kebechet-run-url. */
export interface KebechetProps extends WorkflowsComponentProps {
  /** @default the versions table's kebechet-job tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 2Gi (KEBECHET_RESOURCES) */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
}

/**
 * Kebechet's workflows (backend): step templates kebechet, kebechet-run-url, kebechet-administrator and
 * update-kebechet-installation; entry templates kebechet-workflow, kebechet-run-url-workflow and
 * kebechet-administrator-workflow (docs/quirks.md Q1); and the `kebechet` Secret (an ExternalSecret),
 * which the ssh key is mounted from. kebechet-administrator runs this repository's workflow-tasks,
 * update-kebechet-installation workflow-helpers at the versions table's tag.
 */
export class Kebechet extends Construct {
  constructor(scope: Construct, id: string, props: KebechetProps) {
    super(scope, id);
    const { env, namespace, resources, variables } = props;
    addKebechetSecret(this, env, namespace);
    const context: KebechetContext = { env, namespace, resources, variables, image: thothImageOf(env, 'kebechet-job', props) };
    const kebechet = addRunTemplate(this, context);
    const runUrl = addRunUrlTemplate(this, context);
    const administrator = addAdministratorTemplate(this, context, props.workflowCore.tasksImage);
    addUpdateInstallationTemplate(this, context, props.workflowCore.tasksImage);
    addRunWorkflow(this, context, kebechet);
    addRunUrlWorkflow(this, context, runUrl);
    addAdministratorWorkflow(this, context, administrator, props.workflowCore.sendMessages);
  }
}
