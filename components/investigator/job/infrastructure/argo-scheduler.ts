/**
 * Submits the investigator's orders as Argo Workflows: resolves the entry's WorkflowTemplate and
 * namespace, waits at the back-pressure gate of that namespace (docs/quirks.md Q25), submits, and
 * counts what it created.
 */
import { Counter, type Registry } from 'prom-client';
import { MESSAGE_TYPES, type MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { HandlerContext } from '../../../../src/runtime/kafka/process-record.js';
import type { PendingWorkflowGate } from '../../../../src/runtime/kubernetes/back-pressure.js';
import type { WorkflowSubmitter } from '../../../../src/runtime/kubernetes/workflows.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { ENTRY_WORKFLOWS } from '../../../entry-workflows.js';
import type { Scheduled, WorkflowScheduler } from '../application/ports.js';
import type { WorkflowOrder } from '../domain/orders.js';

/** The namespaces the investigator submits to, by tier. */
export type TargetNamespaces = Readonly<Record<'backend' | 'middletier', string>>;

export class ArgoScheduler implements WorkflowScheduler {
  private readonly scheduled: Counter;
  private readonly repeated: Counter;

  constructor(
    private readonly submitter: Pick<WorkflowSubmitter, 'submit'>,
    private readonly gate: Pick<PendingWorkflowGate, 'waitForRoom' | 'submitted'>,
    private readonly namespaces: TargetNamespaces,
    private readonly log: Logger,
    registry: Registry,
  ) {
    const registers = [registry];
    this.scheduled = new Counter({
      name: 'thoth_investigator_scheduled_workflows_total',
      help: 'Workflows created, by the base name of the message that asked and the workflow.',
      labelNames: ['message_type', 'workflow_type'],
      registers,
    });
    this.repeated = new Counter({
      name: 'thoth_investigator_workflows_already_submitted_total',
      help: 'Submissions answered AlreadyExists: a message handled again asked for a workflow it had asked for.',
      labelNames: ['workflow_type'],
      registers,
    });
  }

  async schedule(order: WorkflowOrder, cause: MessageTypeName, context: HandlerContext): Promise<Scheduled> {
    const entry = ENTRY_WORKFLOWS[order.workflow];
    if (entry.tier !== 'backend' && entry.tier !== 'middletier')
      throw new Error(`the investigator does not submit ${order.workflow} workflows (tier ${entry.tier})`);
    const namespace = this.namespaces[entry.tier];
    await this.gate.waitForRoom(namespace, context);
    const submission = await this.submitter.submit({
      template: entry.template,
      namespace,
      prefix: order.prefix,
      parameters: order.parameters as Readonly<Record<string, string>>,
      ...(order.nameParameter === undefined ? {} : { nameParameter: order.nameParameter }),
      ...(order.identity === undefined ? {} : { identity: order.identity }),
      ...(order.name === undefined ? {} : { name: order.name }),
      labels: { 'thoth-station.ninja/message-type': cause },
    });
    if (submission.outcome === 'created') {
      this.gate.submitted(namespace);
      this.scheduled.inc({ message_type: MESSAGE_TYPES[cause].base, workflow_type: order.workflow });
    } else {
      this.repeated.inc({ workflow_type: order.workflow });
    }
    this.log.info({ workflow: submission.name, template: entry.template, namespace, outcome: submission.outcome, cause }, 'workflow submitted');
    return submission.outcome;
  }
}
