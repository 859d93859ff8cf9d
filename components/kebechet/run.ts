import type { Construct } from 'constructs';
import { optional, passThrough, required, entryArguments } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { KEBECHET_RESOURCES, type KebechetContext, kebechetEntryWorkflow, kebechetTemplate } from './context.js';
import { KEBECHET_SECRET_MOUNT, KEBECHET_SSH_WAIVER, kebechetEnv, withKebechetSecret } from './secret.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

const RUN_PARAMETERS = [required('WEBHOOK_PAYLOAD')];
const RUN_URL_PARAMETERS = [required('KEBECHET_REPO_URL'), required('KEBECHET_SERVICE_NAME'), optional('KEBECHET_METADATA', 'null')];

/** kebechet: Kebechet run on the repository a forge's webhook names. */
export function addRunTemplate(scope: Construct, context: KebechetContext): TemplateHandle {
  const { env } = context;
  return withKebechetSecret(
    kebechetTemplate(scope, context, 'kebechet', { annotations: KEBECHET_SSH_WAIVER }).addContainer('kebechet', {
      image: context.image,
      parameters: RUN_PARAMETERS,
      // The scheduler passes the webhook as WEBHOOK_PAYLOAD (the reference's name); Kebechet reads it as KEBECHET_PAYLOAD.
      env: kebechetEnv(env, 'run-webhook').literal('KEBECHET_PAYLOAD', '{{inputs.parameters.WEBHOOK_PAYLOAD}}').overrides(context.variables),
      resources: resolveResources(KEBECHET_RESOURCES, context.resources),
      volumeMounts: [KEBECHET_SECRET_MOUNT],
    }),
  );
}

/** kebechet-run-url: Kebechet run on one repository, given by its URL and forge. */
export function addRunUrlTemplate(scope: Construct, context: KebechetContext): TemplateHandle {
  return withKebechetSecret(
    kebechetTemplate(scope, context, 'kebechet-run-url', { annotations: KEBECHET_SSH_WAIVER }).addContainer('kebechet-run-url', {
      image: context.image,
      parameters: RUN_URL_PARAMETERS,
      env: kebechetEnv(context.env, 'run-url').overrides(context.variables),
      resources: resolveResources(KEBECHET_RESOURCES, context.resources),
      volumeMounts: [KEBECHET_SECRET_MOUNT],
    }),
  );
}

/** kebechet-workflow, which the scheduler submits for a webhook: one kebechet run. */
export function addRunWorkflow(scope: Construct, context: KebechetContext, kebechet: TemplateHandle): void {
  const run = kebechetEntryWorkflow(
    scope,
    context,
    'kebechet-workflow',
    'kebechet',
    entryArguments(ENTRY_WORKFLOWS.kebechet.parameters, [required('WORKFLOW_ID'), ...RUN_PARAMETERS, optional('KEBECHET_SLUG', 'null')]),
    {
      secondsAfterCompletion: 900,
    },
  );
  run.setEntrypoint(run.addDag('main', { tasks: [{ name: 'kebechet-webhook-run', template: kebechet, parameters: passThrough(['WEBHOOK_PAYLOAD']) }] }));
}

/** kebechet-run-url-workflow: one kebechet-run-url run. */
export function addRunUrlWorkflow(scope: Construct, context: KebechetContext, runUrl: TemplateHandle): void {
  const url = kebechetEntryWorkflow(
    scope,
    context,
    'kebechet-run-url-workflow',
    'kebechet-run-url',
    entryArguments(ENTRY_WORKFLOWS['kebechet-run-url'].parameters, [required('WORKFLOW_ID'), ...RUN_URL_PARAMETERS]),
    { secondsAfterCompletion: 900 },
  );
  url.setEntrypoint(
    url.addDag('main', { tasks: [{ name: 'kebechet-run-url', template: runUrl, parameters: passThrough(RUN_URL_PARAMETERS.map((p) => p.name)) }] }),
  );
}
