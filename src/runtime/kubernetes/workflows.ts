/**
 * Submits Argo Workflows that run a WorkflowTemplate (`workflowTemplateRef`), named after their
 * inputs: the same request gives the same name, so a second submission is the API server's 409
 * AlreadyExists, not a second workflow (docs/quirks.md Q10). The templates' ttlStrategy deletes
 * finished workflows, after which the same request may run again.
 */
import { ApiException, type ConfigurationOptions, type CustomObjectsApi, Observable, type ObservableMiddleware } from '@kubernetes/client-node';
import type { IWorkflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { createHash } from 'node:crypto';
import { type RequestLimits, requestSignal } from '../request-limits.js';
import type { Retryable } from '../retryable.js';

export interface WorkflowRequest {
  /** The WorkflowTemplate, in `namespace`. */
  readonly template: string;
  readonly namespace: string;
  /** Start of the name, such as the solver name; cut to fit. */
  readonly prefix: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** A parameter that receives the workflow's own name (THOTH_SOLVER_WORKFLOW_ID, ...). */
  readonly nameParameter?: string;
  /**
   * The parameters that say what is asked for, and so make the name (all but `nameParameter` when
   * not given). Leaving out settings such as a log level keeps a redelivery after a redeploy with
   * another level from asking for a second workflow.
   */
  readonly identity?: readonly string[];
  /**
   * The name, when the request carries its own id (the adviser's job_id the user-api handed out):
   * unique per request, so as idempotent as the derived name, and what the caller looks up.
   */
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type Submission = { readonly outcome: 'created' | 'already-exists'; readonly name: string };

/** Why a submission failed, and whether trying again later can help. */
export class WorkflowSubmitError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: Retryable,
  ) {
    super(message);
    this.name = 'WorkflowSubmitError';
  }
}

/** Argo copies the name into a label, so it must be a label value: at most 63 characters. */
const MAX_NAME = 63;
const HASH_LENGTH = 16;

/** A name Kubernetes and Argo accept (DNS-1123 label). */
const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function workflowName(request: WorkflowRequest): string {
  if (request.name !== undefined) {
    if (request.name.length > MAX_NAME || !VALID_NAME.test(request.name)) {
      throw new WorkflowSubmitError(
        `"${request.name}" cannot name a workflow: expected lower-case letters, digits and "-", at most ${MAX_NAME} characters`,
        undefined,
        false,
      );
    }
    return request.name;
  }
  const inputs = Object.entries(request.parameters)
    .filter(([name]) => (request.identity === undefined ? name !== request.nameParameter : request.identity.includes(name)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256')
    .update(JSON.stringify([request.namespace, request.template, inputs]))
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const prefix = request.prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, MAX_NAME - HASH_LENGTH - 1)
    .replace(/^-+|-+$/g, '');
  return prefix === '' ? `wf-${hash}` : `${prefix}-${hash}`;
}

export function workflowOf(request: WorkflowRequest): IWorkflow {
  const name = workflowName(request);
  const parameters = { ...request.parameters, ...(request.nameParameter === undefined ? {} : { [request.nameParameter]: name }) };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      name,
      namespace: request.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'thoth-investigator', 'workflows.argoproj.io/workflow-template': request.template, ...request.labels },
    },
    spec: {
      workflowTemplateRef: { name: request.template },
      arguments: { parameters: Object.entries(parameters).map(([parameter, value]) => ({ name: parameter, value })) },
    },
  };
}

export class WorkflowSubmitter {
  constructor(
    private readonly api: Pick<CustomObjectsApi, 'createNamespacedCustomObject' | 'listNamespacedCustomObject'>,
    private readonly limits: RequestLimits = { timeoutMs: 30_000 },
  ) {}

  async submit(request: WorkflowRequest): Promise<Submission> {
    const workflow = workflowOf(request);
    const name = workflow.metadata!.name!;
    const action = `submit workflow ${name} (template ${request.template}) in ${request.namespace}`;
    try {
      await this.call(action, (options) =>
        this.api.createNamespacedCustomObject(
          { group: 'argoproj.io', version: 'v1alpha1', namespace: request.namespace, plural: 'workflows', body: workflow },
          options,
        ),
      );
      return { outcome: 'created', name };
    } catch (error) {
      if (error instanceof WorkflowSubmitError && error.status === 409) return { outcome: 'already-exists', name };
      throw error;
    }
  }

  /** Workflows of the namespace not started yet (no status.startedAt): the back-pressure measure. */
  async countPending(namespace: string): Promise<number> {
    // Finished workflows carry this label; leaving them out keeps the list short.
    const labelSelector = 'workflows.argoproj.io/completed!=true';
    const list = (await this.call(`list workflows in ${namespace}`, (options) =>
      this.api.listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'workflows', labelSelector }, options),
    )) as { items?: IWorkflow[] };
    return (list.items ?? []).filter((workflow) => workflow.status?.startedAt === undefined || workflow.status.startedAt === null).length;
  }

  /**
   * One request, cancelled by the program's stop or after `timeoutMs`. The client's own middleware
   * stays: this one only gives the request its signal.
   */
  private async call(action: string, request: (options: ConfigurationOptions) => Promise<unknown>): Promise<unknown> {
    const { signal, timedOut } = requestSignal(this.limits);
    // The object API hands its options to the Observable API: its middleware returns Observables.
    const withSignal: ObservableMiddleware = {
      pre: (context) => {
        context.setSignal(signal);
        return new Observable(Promise.resolve(context));
      },
      post: (response) => new Observable(Promise.resolve(response)),
    };
    const options: ConfigurationOptions = { middleware: [withSignal], middlewareMergeStrategy: 'append' };
    try {
      return await request(options);
    } catch (error) {
      if (timedOut()) {
        throw new WorkflowSubmitError(`cannot ${action}: no answer within ${this.limits.timeoutMs / 1000} s`, undefined, true);
      }
      throw describe(error, action);
    }
  }
}

function describe(error: unknown, action: string): WorkflowSubmitError {
  if (error instanceof ApiException) {
    const reason = reasonOf(error.body);
    // A Role or a CRD is often a sync wave away: refused for now, permanent only if it lasts.
    if (error.code === 401 || error.code === 403)
      return new WorkflowSubmitError(`cannot ${action}: ${error.code} ${reason} (check the service account's Role)`, error.code, 'for-a-while');
    if (error.code === 404)
      return new WorkflowSubmitError(`cannot ${action}: ${error.code} ${reason} (is the Workflow CRD installed?)`, error.code, 'for-a-while');
    if (error.code === 422 || error.code === 400) return new WorkflowSubmitError(`cannot ${action}: ${error.code} ${reason}`, error.code, false);
    return new WorkflowSubmitError(`cannot ${action}: ${error.code} ${reason}`, error.code, true);
  }
  // No answer at all (connection refused, reset, timeout): the API server may come back.
  return new WorkflowSubmitError(`cannot ${action}: ${error instanceof Error ? error.message : String(error)}`, undefined, true);
}

function reasonOf(body: unknown): string {
  try {
    const status = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string; reason?: string };
    return status.message ?? status.reason ?? 'no reason given';
  } catch {
    return String(body).slice(0, 200);
  }
}
