import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { ArtifactRepository } from './artifacts.js';
import { WorkflowTemplate, type TemplateHandle, type WorkflowTemplateProps } from '../../src/platform/argo/workflow-template.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { thothEnv } from '../shared/env.js';
import { jobImage } from '../../src/platform/images.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { MESSAGES_FILE, WORKFLOW_TASKS_CONTRACT } from './job/contract.js';

export interface WorkflowCoreProps {
  readonly env: Environment;
  readonly namespace: string;
  /** The tags of this repository's job images: send-messages runs workflow-tasks. */
  readonly images: JobImageTags;
}

/** The ServiceAccount workflow pods run as, unless a step needs more. */
export const WORKFLOW_SERVICE_ACCOUNT = 'argo-workflow';

/** A component's WorkflowTemplate in its namespace, named as its construct, run by the workflow account. */
export function workflowTemplateOf(
  scope: Construct,
  component: string,
  where: { readonly env: Environment; readonly namespace: string },
  name: string,
  options: Omit<WorkflowTemplateProps, 'env' | 'name' | 'namespace' | 'component'> = {},
): WorkflowTemplate {
  return new WorkflowTemplate(scope, name, {
    env: where.env,
    name,
    namespace: where.namespace,
    component,
    serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    ...options,
  });
}

/** Where a step leaves the messages a send-messages step publishes: the program's (job/contract.ts). */
export { MESSAGES_FILE } from './job/contract.js';

/** Where send-webhooks finds the callback Secret's files. */
const WEBHOOK_DIR = '/mnt/webhooks';

/** Smaller than an ordinary step's: these only send messages or call webhooks. */
const MESSAGING_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } };

/**
 * What every namespace that runs workflow steps gets (the reference's `core` templates): the
 * ServiceAccount workflow pods run as (it may only report step results), the namespace's default
 * artifact repository, and the WorkflowTemplates send-message and send-messages; in the backend
 * namespace, where the user API keeps callbacks and the adviser's workflow calls them, also
 * send-webhooks with an account of its own, which may delete the callback Secrets it has used.
 * Their steps run this repository's workflow-tasks (job/).
 */
export class WorkflowCore extends Construct {
  /** This repository's workflow-tasks image (job/) at its content tag: every step of the loop's workflows that it has a command for runs it. */
  readonly tasksImage: string;
  readonly sendMessage: TemplateHandle;
  readonly sendMessages: TemplateHandle;
  private readonly webhooks: TemplateHandle | undefined;

  /** send-webhooks, which only the backend namespace has. */
  get sendWebhooks(): TemplateHandle {
    if (this.webhooks === undefined) throw new Error('send-webhooks is rendered in the backend namespace only, where the callbacks are');
    return this.webhooks;
  }

  constructor(scope: Construct, id: string, props: WorkflowCoreProps) {
    super(scope, id);
    const { env, namespace } = props;
    new ProgramIdentity(this, 'WorkflowIdentity', {
      name: WORKFLOW_SERVICE_ACCOUNT,
      namespace,
      component: 'argo-workflows',
      mountTokenInEveryPod: true,
    }).allowRunWorkflowSteps(namespace);
    new ArtifactRepository(this, 'ArtifactRepository', { env, namespace });
    this.tasksImage = jobImage(env, props.images, 'workflow-tasks');

    const sendMessage = new WorkflowTemplate(this, 'SendMessage', {
      env,
      name: 'send-message',
      namespace,
      component: 'messaging',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    });
    // This repository's program (job/), as send-messages: the message checked, and not sent twice by one workflow.
    this.sendMessage = sendMessage.addContainer('send-message', {
      image: this.tasksImage,
      args: ['send-message'],
      parameters: [
        { name: 'THOTH_MESSAGING_TOPIC_NAME', description: 'the message type’s base name, such as thoth.investigator.unresolved-package' },
        { name: 'THOTH_MESSAGING_MESSAGE_CONTENTS', description: 'the message, as JSON' },
      ],
      env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, 'send-message').literal('THOTH_WORKFLOW_UID', '{{workflow.uid}}').kafka().ceph().common(),
      resources: MESSAGING_RESOURCES,
    });
    sendMessage.setEntrypoint(this.sendMessage);

    const sendMessages = new WorkflowTemplate(this, 'SendMessages', {
      env,
      name: 'send-messages',
      namespace,
      component: 'messaging',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    });
    // This repository's program (job/): every message checked before any is sent, and a file the
    // workflow sent already (a retried step) not sent again.
    this.sendMessages = sendMessages.addContainer('send-messages', {
      image: this.tasksImage,
      args: ['send-messages'],
      env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, 'send-messages').literal('THOTH_WORKFLOW_UID', '{{workflow.uid}}').kafka().ceph().common(),
      inputArtifacts: [{ name: 'messagesdocument', path: MESSAGES_FILE }],
      writablePaths: ['/mnt/workdir'],
      resources: MESSAGING_RESOURCES,
    });
    sendMessages.setEntrypoint(this.sendMessages);
    this.webhooks = namespace === namespaceOf(env, 'backend') ? this.addSendWebhooks(env, namespace) : undefined;
  }

  private addSendWebhooks(env: Environment, namespace: string): TemplateHandle {
    // The program deletes the callback Secret in the backend namespace, where the user API created it.
    const webhooks = new ProgramIdentity(this, 'WebhooksIdentity', { name: 'send-webhooks', namespace, component: 'send-webhooks', mountTokenInEveryPod: true })
      .allowRunWorkflowSteps(namespace)
      .allowDeleteSecrets(namespace);
    const sendWebhooks = new WorkflowTemplate(this, 'SendWebhooks', {
      env,
      name: 'send-webhooks',
      namespace,
      component: 'send-webhooks',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    });
    // The user API keeps each callback in the Secret callback-<analysis id>; the program calls every
    // webhook file of the directory it is mounted at, then deletes the Secret. Without a callback the
    // Secret does not exist and the directory is empty.
    const document = '{{inputs.parameters.THOTH_DOCUMENT_ID}}';
    const handle = sendWebhooks.addContainer('send-webhooks', {
      image: this.tasksImage,
      args: ['send-webhooks'],
      parameters: [{ name: 'THOTH_DOCUMENT_ID', description: 'the analysis whose callback webhooks to call' }],
      env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, 'send-webhooks')
        .literal('WEBHOOK_DIR', WEBHOOK_DIR)
        .literal('DOCUMENT_ID', document)
        .namespaces()
        .kubernetesApi()
        .common(),
      serviceAccountName: webhooks.serviceAccountName,
      volumeMounts: [{ name: 'callback', mountPath: WEBHOOK_DIR, readOnly: true }],
      resources: MESSAGING_RESOURCES,
    });
    sendWebhooks.addTemplateVolume('send-webhooks', { name: 'callback', secret: { secretName: `callback-${document}`, optional: true } });
    sendWebhooks.setEntrypoint(handle);
    return handle;
  }
}
