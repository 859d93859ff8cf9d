/**
 * Submits mi's workflows as Argo Workflows of their entry WorkflowTemplates
 * (components/entry-workflows.ts) through the runtime's WorkflowSubmitter, which names each after
 * what it asks for: the same request is the same name, so a second submission is the API server's
 * 409 AlreadyExists, reported as `already-exists`, never a second workflow.
 *
 * The name holds no date. The entry templates delete a workflow 10 s after it finishes
 * (ttlStrategy), so by the next daily run its name is free again, and a run the same day (a retried
 * Job, a run started by hand) finds the workflows still pending or running and submits nothing new.
 * A date would not make a later same-day run idempotent either (a finished workflow is gone, date or
 * not), and across days it would pile up a workflow per repository and day wherever they cannot run
 * (a stopped controller, a full quota), where without one the day's run finds the one still waiting.
 *
 * The API server refusing the program's credentials or rights (401, 403) or not serving Workflows
 * (404: no CRD) would refuse every other submission too: the run stops (RunWideFailure).
 */
import { WorkflowSubmitError, type WorkflowSubmitter } from '../../../../src/runtime/kubernetes/workflows.js';
import { ENTRY_WORKFLOWS } from '../../../entry-workflows.js';
import { RunWideFailure, type SubmissionOutcome, type WorkflowSubmissions } from '../application/schedule-mi.js';
import { type MiWorkflow, NAME_PARAMETER } from '../domain/workflows.js';

/** Who created the workflows, on each of them (the runtime's default names the investigator). */
export const MANAGED_BY = 'mi-scheduler-job';

export class ArgoMiWorkflows implements WorkflowSubmissions {
  constructor(
    private readonly submitter: Pick<WorkflowSubmitter, 'submit'>,
    /** The middletier namespace, where the entry templates are. */
    private readonly namespace: string,
  ) {}

  async submit(workflow: MiWorkflow): Promise<{ outcome: SubmissionOutcome; name: string }> {
    const entry = ENTRY_WORKFLOWS[workflow.entry];
    try {
      return await this.submitter.submit({
        template: entry.template,
        namespace: this.namespace,
        prefix: workflow.prefix,
        parameters: workflow.parameters,
        nameParameter: NAME_PARAMETER,
        labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
      });
    } catch (error) {
      if (error instanceof WorkflowSubmitError && (error.status === 401 || error.status === 403 || error.status === 404))
        throw new RunWideFailure(error.message, { cause: error });
      throw error;
    }
  }
}
