/**
 * What a task pushes, as the reference's workflow-helpers did (thoth-jobs.md §11,
 * thoth-station/workflow-helpers v0.9.16 thoth/workflow_helpers/common.py): under the Pushgateway job
 * `workflow-helpers`, `thoth_<component>_messages_sent_total{message_type, trigger, env, version}` for
 * the messages it wrote, and the schema revision it was written against. The dashboards read these
 * names (`thoth_.*_messages_sent_total`).
 */
import { Counter, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';

const JOB = 'workflow-helpers';

export class TaskMetrics {
  private readonly registry = new Registry();
  private readonly sent: Counter;

  constructor(
    componentName: string,
    private readonly deploymentName: string,
    private readonly serviceVersion: string,
  ) {
    this.sent = new Counter({
      name: `thoth_${componentName.replaceAll('-', '_')}_messages_sent_total`,
      help: `Messages the workflow tasks of ${componentName} wrote to be sent, by type.`,
      labelNames: ['message_type', 'trigger', 'env', 'version'],
      registers: [this.registry],
    });
    registerSchemaRevision(this.registry, JOB, { env: deploymentName });
  }

  /** `trigger`: the message type that made the task write them, where the reference labelled it (kebechet-administrator). */
  messagesWritten(baseName: string, count: number, trigger = ''): void {
    this.sent.inc({ message_type: baseName, trigger, env: this.deploymentName, version: this.serviceVersion }, count);
  }

  /** A failed push is the caller's to log, never a failed step. */
  async push(gatewayUrl: string): Promise<void> {
    await new Pushgateway(gatewayUrl, { timeout: 10_000 }, this.registry).pushAdd({ jobName: JOB });
  }
}
