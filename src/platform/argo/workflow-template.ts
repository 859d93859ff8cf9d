/**
 * An Argo WorkflowTemplate whose templates are added through typed methods. Calls between templates
 * (DAG tasks, steps, exit handlers) take a handle to the called template, not its name, so a call to
 * a template that does not exist cannot be written; what a handle cannot rule out (a missing required
 * parameter, an undeclared one, a task depending on an unknown task, a call into another namespace) is
 * checked when the tree is validated, before anything renders.
 */
import type { IArtifact } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Artifact';
import type { IDAGTask } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/DAGTask';
import type { IMetrics } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Metrics';
import type { IParameter } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Parameter';
import type { IResourceTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/ResourceTemplate';
import type { IRetryStrategy } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/RetryStrategy';
import type { ITemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Template';
import type { IWorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/WorkflowTemplate';
import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../../config/schema.js';
import type { EnvSource } from '../env.js';
import { objectLabels } from '../metadata.js';
import { writableVolumeName, type Resources } from '../pod.js';
import { argoContainer, RESTRICTED_POD_SECURITY } from './containers.js';

/** Root, but no privilege escalation, no added capabilities and the default seccomp profile. */
const ROOT_BUILD_SECURITY = { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false };

/** An input parameter: required when it has no default. */
export interface ParameterSpec<N extends string = string> {
  readonly name: N;
  readonly default?: string;
  readonly description?: string;
  readonly enum?: readonly string[];
}

export interface ContainerTemplateProps {
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** The directory the command runs in (a writable one, for a program that writes where it runs). */
  readonly workingDir?: string;
  /** Input parameters; each the program reads is also passed to the container as an env var of the same name. */
  readonly parameters?: readonly ParameterSpec[];
  /** Further env vars (shared groups and literals). */
  readonly env?: EnvSource;
  readonly inputArtifacts?: readonly IArtifact[];
  readonly outputArtifacts?: readonly IArtifact[];
  readonly outputParameters?: readonly IParameter[];
  readonly resources: Resources;
  readonly retryStrategy?: IRetryStrategy;
  /** Seconds the step may run; a parameter expression when the caller decides. */
  readonly activeDeadlineSeconds?: number | string;
  readonly metrics?: IMetrics;
  /**
   * The ServiceAccount this step's pod runs as.
   * @default the workflow's
   */
  readonly serviceAccountName?: string;
  /** Extra writable directories (each an emptyDir of the workflow). */
  readonly writablePaths?: readonly string[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  /**
   * Run as root with the container runtime's default capabilities and a writable root file system,
   * for image builds. Only a namespace with the baseline Pod Security Standard admits such a pod.
   * @default false
   */
  readonly runsAsRoot?: boolean;
  /** Replaces the restricted container security context (only where the namespace enforces baseline). */
  readonly securityContext?: object;
  /** A JSON patch of the pod spec, evaluated per run (resources or node selection from parameters). */
  readonly podSpecPatch?: string;
  /** Containers run to completion before the main one (e.g. to record the hardware). */
  readonly initContainers?: readonly object[];
}

/** A call of a template: a DAG task or a step. */
export interface Call {
  readonly name: string;
  readonly template: TemplateHandle;
  /** Parameter values passed to the called template's inputs. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly artifacts?: readonly IArtifact[];
  /** DAG only: tasks that must finish first (their names), or an Argo `depends` expression. */
  readonly dependencies?: readonly string[];
  readonly depends?: string;
  readonly when?: string;
  /**
   * DAG only: the workflow goes on when this task fails (Argo `continueOn.failed`), for a step whose
   * failure is a result the tasks after it handle, such as a resolution that found nothing.
   */
  readonly continueOnFailure?: boolean;
}

/** A template of some WorkflowTemplate, as the target of a call. */
export class TemplateHandle {
  constructor(
    readonly workflowTemplate: WorkflowTemplate,
    readonly name: string,
    readonly parameters: readonly ParameterSpec[],
    /** Input artifacts: name → whether the template has its own source for it (S3 key, ...). */
    readonly inputArtifacts: ReadonlyMap<string, boolean> = new Map(),
  ) {}

  get requiredParameters(): string[] {
    return this.parameters.filter((parameter) => parameter.default === undefined).map((parameter) => parameter.name);
  }

  /** Input artifacts the caller must pass: those without a source of their own. */
  get requiredArtifacts(): string[] {
    return [...this.inputArtifacts].filter(([, sourced]) => !sourced).map(([name]) => name);
  }
}

/** An artifact has a source of its own when it names a location, rather than expecting one from the caller. */
const SOURCE_FIELDS = ['s3', 'http', 'git', 'raw', 'gcs', 'oss', 'hdfs', 'azure', 'artifactory', 'from', 'fromExpression'];
const hasSource = (artifact: IArtifact): boolean => SOURCE_FIELDS.some((field) => field in artifact);

/** Tasks a value refers to: `{{tasks.<name>.…}}`. */
const referencedTasks = (value: string): string[] => [...value.matchAll(/\{\{tasks\.([A-Za-z0-9_-]+)\./g)].map((match) => match[1]!);

/** Task names in an Argo `depends` expression, with the result each is tested for. */
const dependsTerms = (expression: string): { task: string; result?: string }[] =>
  [...expression.matchAll(/([A-Za-z0-9_-]+)(?:\.([A-Za-z]+))?/g)].map((match) => ({
    task: match[1]!,
    ...(match[2] === undefined ? {} : { result: match[2] }),
  }));

export interface WorkflowTemplateProps {
  readonly env: PlatformEnvironment;
  /** The WorkflowTemplate's name, which callers and schedulers use. */
  readonly name: string;
  readonly namespace: string;
  /** The component it belongs to (`app.kubernetes.io/name`). */
  readonly component: string;
  /** Annotations of the object (validate waivers, with their reasons). */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The ServiceAccount its pods run as when it is submitted as a workflow.
   * @default none: the namespace's workflow default
   */
  readonly serviceAccountName?: string;
  /** Workflow-level parameters, the ones a scheduler passes when it submits this template. */
  readonly arguments?: readonly ParameterSpec[];
  readonly ttlStrategy?: { secondsAfterCompletion?: number; secondsAfterSuccess?: number; secondsAfterFailure?: number };
  readonly activeDeadlineSeconds?: number;
  readonly metrics?: IMetrics;
  readonly artifactRepositoryRef?: { configMap: string; key: string };
  readonly volumes?: readonly k8s.Volume[];
  /** Secrets (by name) the workflow's pods pull images with. */
  readonly imagePullSecrets?: readonly string[];
  /** Volumes claimed for each workflow and deleted when it completes (shared by its steps). */
  readonly volumeClaimTemplates?: readonly { name: string; storage: string }[];
  /**
   * Render a CronWorkflow that runs this workflow on a schedule (UTC, never overlapping) instead of a
   * WorkflowTemplate.
   */
  readonly cron?: { readonly schedule: string; readonly suspend: boolean };
}

type TemplateSpec = ITemplate & { name: string };

export class WorkflowTemplate extends Construct {
  readonly name: string;
  readonly namespace: string;
  private readonly props: WorkflowTemplateProps;
  private readonly templates: TemplateSpec[] = [];
  private readonly calls = new Map<string, readonly Call[]>();
  private readonly volumes = new Map<string, k8s.Volume>();
  private entrypoint?: TemplateHandle;
  private exitHandler?: TemplateHandle;

  constructor(scope: Construct, id: string, props: WorkflowTemplateProps) {
    super(scope, id);
    this.props = props;
    this.name = props.name;
    this.namespace = props.namespace;
    for (const volume of props.volumes ?? []) this.volumes.set(volume.name, volume);
    this.node.addValidation({ validate: () => this.problems() });
    const cron = props.cron;
    new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: cron === undefined ? 'WorkflowTemplate' : 'CronWorkflow',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: objectLabels(props.component, cron === undefined ? 'workflow-template' : 'cron-workflow'),
        ...(props.annotations === undefined ? {} : { annotations: { ...props.annotations } }),
      },
      spec: Lazy.any({
        produce: () =>
          cron === undefined
            ? this.spec()
            : {
                schedules: [cron.schedule],
                timezone: 'Etc/UTC',
                suspend: cron.suspend,
                concurrencyPolicy: 'Forbid',
                startingDeadlineSeconds: 300,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
                workflowSpec: this.spec(),
              },
      }),
    });
  }

  /** The template a workflow of this template starts with. */
  setEntrypoint(template: TemplateHandle): this {
    this.entrypoint = template;
    return this;
  }

  /** The template run when the workflow ends, whatever its outcome. */
  setExitHandler(template: TemplateHandle): this {
    this.exitHandler = template;
    return this;
  }

  /**
   * A container template. Its volumes and pod security context are the template's own, not the
   * WorkflowTemplate's: a template called through templateRef from another workflow brings only
   * itself along.
   */
  addContainer(name: string, props: ContainerTemplateProps): TemplateHandle {
    const parameters = props.parameters ?? [];
    const writable = ['/tmp', ...(props.writablePaths ?? [])];
    const container = argoContainer({
      image: props.image,
      command: props.command,
      args: props.args,
      workingDir: props.workingDir,
      // A parameter reaches the program as a variable of its name only if the program reads that name.
      env: [
        ...parameters
          .filter((parameter) => props.env?.reads(parameter.name) ?? true)
          .map((parameter) => ({ name: parameter.name, value: `{{inputs.parameters.${parameter.name}}}` })),
        ...(props.env?.vars ?? []),
      ],
      resources: props.resources,
      ...(props.runsAsRoot ? { securityContext: ROOT_BUILD_SECURITY } : props.securityContext === undefined ? {} : { securityContext: props.securityContext }),
      volumeMounts: [
        ...writable.map((path) => ({ name: writableVolumeName(path), mountPath: path })),
        ...(props.env?.mounts ?? []),
        ...(props.volumeMounts ?? []),
      ],
    });
    const volumes = [...writable.map((path) => ({ name: writableVolumeName(path), emptyDir: {} })), ...(props.env?.volumes ?? [])];
    return this.add(name, parameters, {
      securityContext: props.runsAsRoot ? { seccompProfile: { type: 'RuntimeDefault' } } : RESTRICTED_POD_SECURITY,
      ...(props.podSpecPatch === undefined ? {} : { podSpecPatch: props.podSpecPatch }),
      ...(props.initContainers === undefined ? {} : { initContainers: [...props.initContainers] as ITemplate['initContainers'] }),
      volumes: volumes as ITemplate['volumes'],
      // Structurally the same container; the k8s and Argo model packages only type quantities apart.
      container: container as ITemplate['container'],
      inputs: inputs(parameters, props.inputArtifacts),
      ...outputs(props.outputParameters, props.outputArtifacts),
      ...(props.retryStrategy === undefined ? {} : { retryStrategy: props.retryStrategy }),
      ...(props.activeDeadlineSeconds === undefined ? {} : { activeDeadlineSeconds: props.activeDeadlineSeconds }),
      ...(props.metrics === undefined ? {} : { metrics: props.metrics }),
      ...(props.serviceAccountName === undefined ? {} : { serviceAccountName: props.serviceAccountName }),
    });
  }

  /** Adds a volume (a Secret, say) to one of this WorkflowTemplate's templates. */
  addTemplateVolume(template: string, volume: k8s.Volume): void {
    const target = this.templates.find((each) => each.name === template);
    if (target === undefined) throw new Error(`WorkflowTemplate ${this.name} has no template ${template}`);
    target.volumes = [...(target.volumes ?? []), volume as never];
  }

  /** A script template: `source` runs in the image's interpreter (`command`). */
  addScript(name: string, props: ContainerTemplateProps & { source: string }): TemplateHandle {
    const handle = this.addContainer(name, props);
    const template = this.templates.find((each) => each.name === name)!;
    template.script = { ...template.container!, name: 'main', source: props.source };
    delete template.container;
    return handle;
  }

  /** A resource template: creates, gets or deletes a Kubernetes object. */
  addResource(name: string, props: { parameters?: readonly ParameterSpec[]; resource: IResourceTemplate; retryStrategy?: IRetryStrategy }): TemplateHandle {
    const parameters = props.parameters ?? [];
    return this.add(name, parameters, {
      inputs: inputs(parameters),
      resource: props.resource,
      ...(props.retryStrategy === undefined ? {} : { retryStrategy: props.retryStrategy }),
    });
  }

  /** A DAG of calls; `dependencies` name other tasks of the same DAG. */
  addDag(name: string, props: { parameters?: readonly ParameterSpec[]; tasks: readonly Call[]; metrics?: IMetrics }): TemplateHandle {
    const parameters = props.parameters ?? [];
    this.calls.set(name, props.tasks);
    return this.add(name, parameters, {
      inputs: inputs(parameters),
      dag: { tasks: props.tasks.map((task) => this.renderCall(task)) as IDAGTask[] },
      ...(props.metrics === undefined ? {} : { metrics: props.metrics }),
    });
  }

  /** Steps: each inner list runs in parallel, the lists one after another. */
  addSteps(name: string, props: { parameters?: readonly ParameterSpec[]; steps: readonly (readonly Call[])[] }): TemplateHandle {
    const parameters = props.parameters ?? [];
    this.calls.set(name, props.steps.flat());
    return this.add(name, parameters, {
      inputs: inputs(parameters),
      // In JSON a step group is a plain list, though the Go type wraps it.
      steps: props.steps.map((parallel) => parallel.map((step) => this.renderCall(step))) as unknown as ITemplate['steps'],
    });
  }

  private add(name: string, parameters: readonly ParameterSpec[], template: ITemplate): TemplateHandle {
    if (this.templates.some((each) => each.name === name)) throw new Error(`WorkflowTemplate ${this.name}: template "${name}" is defined twice`);
    this.templates.push({ name, ...template });
    const artifacts = new Map((template.inputs?.artifacts ?? []).map((artifact) => [artifact.name, hasSource(artifact)] as const));
    return new TemplateHandle(this, name, parameters, artifacts);
  }

  private renderCall(call: Call): IDAGTask {
    const local = call.template.workflowTemplate === this;
    const parameters = Object.entries(call.parameters ?? {}).map(([name, value]) => ({ name, value }));
    return {
      name: call.name,
      ...(local ? { template: call.template.name } : { templateRef: { name: call.template.workflowTemplate.name, template: call.template.name } }),
      ...(parameters.length + (call.artifacts?.length ?? 0) === 0
        ? {}
        : { arguments: { ...(parameters.length === 0 ? {} : { parameters }), ...(call.artifacts === undefined ? {} : { artifacts: [...call.artifacts] }) } }),
      ...(call.dependencies === undefined ? {} : { dependencies: [...call.dependencies] }),
      ...(call.depends === undefined ? {} : { depends: call.depends }),
      ...(call.when === undefined ? {} : { when: call.when }),
      ...(call.continueOnFailure === true ? { continueOn: { failed: true } } : {}),
    };
  }

  private spec(): NonNullable<IWorkflowTemplate['spec']> {
    const props = this.props;
    return {
      ...(this.entrypoint === undefined ? {} : { entrypoint: this.entrypoint.name }),
      ...(this.exitHandler === undefined ? {} : { onExit: this.exitHandler.name }),
      ...(props.serviceAccountName === undefined ? {} : { serviceAccountName: props.serviceAccountName }),
      ...(props.arguments === undefined ? {} : { arguments: { parameters: props.arguments.map(parameter) } }),
      ...(props.ttlStrategy === undefined ? {} : { ttlStrategy: props.ttlStrategy }),
      ...(props.activeDeadlineSeconds === undefined ? {} : { activeDeadlineSeconds: props.activeDeadlineSeconds }),
      ...(props.metrics === undefined ? {} : { metrics: props.metrics }),
      ...(props.artifactRepositoryRef === undefined ? {} : { artifactRepositoryRef: props.artifactRepositoryRef }),
      ...(props.imagePullSecrets === undefined ? {} : { imagePullSecrets: props.imagePullSecrets.map((name) => ({ name })) }),
      securityContext: RESTRICTED_POD_SECURITY,
      ...(this.volumes.size === 0 ? {} : { volumes: [...this.volumes.values()] as never }),
      ...(props.volumeClaimTemplates === undefined
        ? {}
        : {
            volumeClaimTemplates: props.volumeClaimTemplates.map((claim) => ({
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              metadata: { name: claim.name },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: claim.storage } } },
            })) as never,
            volumeClaimGC: { strategy: 'OnWorkflowCompletion' as const },
          }),
      templates: this.templates,
    };
  }

  /** Everything a handle cannot rule out about the calls, as messages (none when sound). */
  private problems(): string[] {
    const problems: string[] = [];
    const where = `WorkflowTemplate ${this.namespace}/${this.name}`;
    if (this.templates.length === 0) problems.push(`${where} has no template`);
    for (const handle of [this.entrypoint, this.exitHandler]) {
      if (handle !== undefined && handle.workflowTemplate !== this)
        problems.push(`${where}: entrypoint and onExit must be its own templates, not ${handle.workflowTemplate.name}/${handle.name}`);
    }
    for (const [template, calls] of this.calls) {
      const names = new Set(calls.map((call) => call.name));
      for (const call of calls) {
        const at = `${where}, template ${template}, call ${call.name}`;
        const target = call.template;
        if (target.workflowTemplate.namespace !== this.namespace) {
          problems.push(
            `${at}: calls ${target.workflowTemplate.name}/${target.name} in namespace ${target.workflowTemplate.namespace}; a templateRef resolves only in its own namespace`,
          );
        }
        const declared = new Set(target.parameters.map((each) => each.name));
        const passed = Object.keys(call.parameters ?? {});
        for (const name of passed.filter((each) => !declared.has(each))) {
          problems.push(
            `${at}: passes parameter ${name}, which ${target.workflowTemplate.name}/${target.name} does not declare (it declares ${[...declared].sort().join(', ') || 'none'})`,
          );
        }
        for (const name of target.requiredParameters.filter((each) => !passed.includes(each))) {
          problems.push(`${at}: does not pass ${name}, which ${target.workflowTemplate.name}/${target.name} requires`);
        }
        for (const dependency of call.dependencies ?? []) {
          if (!names.has(dependency)) problems.push(`${at}: depends on "${dependency}", which is no task of ${template}`);
        }
        if (call.dependencies !== undefined && call.depends !== undefined) problems.push(`${at}: sets both dependencies and depends; use depends`);
        const terms = dependsTerms(call.depends ?? '').filter((term) => !['AND', 'OR', 'NOT'].includes(term.task));
        for (const term of terms) {
          if (!names.has(term.task)) problems.push(`${at}: depends on "${term.task}", which is no task of ${template}`);
        }
        const passedArtifacts = (call.artifacts ?? []).map((artifact) => artifact.name);
        for (const name of passedArtifacts.filter((each) => !target.inputArtifacts.has(each))) {
          problems.push(`${at}: passes artifact ${name}, which ${target.workflowTemplate.name}/${target.name} does not declare`);
        }
        for (const name of target.requiredArtifacts.filter((each) => !passedArtifacts.includes(each))) {
          problems.push(`${at}: does not pass artifact ${name}, which ${target.workflowTemplate.name}/${target.name} needs`);
        }
        // A task's outputs exist only if it ran: reading them needs that task as a dependency, and when
        // the task may be skipped (it has a condition), a dependency on its success.
        const values = [...Object.values(call.parameters ?? {}), ...(call.artifacts ?? []).map((artifact) => artifact.from ?? ''), call.when ?? ''];
        for (const task of new Set(values.flatMap(referencedTasks))) {
          const upstream = calls.find((each) => each.name === task);
          const declared = (call.dependencies ?? []).includes(task) || terms.some((term) => term.task === task);
          if (upstream === undefined) problems.push(`${at}: reads outputs of "${task}", which is no task of ${template}`);
          else if (!declared) problems.push(`${at}: reads outputs of "${task}" without depending on it`);
          else if (upstream.when !== undefined && !terms.some((term) => term.task === task && term.result === 'Succeeded')) {
            problems.push(`${at}: reads outputs of "${task}", which may be skipped; depend on "${task}.Succeeded"`);
          }
        }
      }
    }
    return problems;
  }
}

export function parameter(spec: ParameterSpec): IParameter {
  return {
    name: spec.name,
    ...(spec.default === undefined ? {} : { default: spec.default }),
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.enum === undefined ? {} : { enum: [...spec.enum] }),
  };
}

function inputs(parameters: readonly ParameterSpec[], artifacts?: readonly IArtifact[]): ITemplate['inputs'] {
  return {
    ...(parameters.length === 0 ? {} : { parameters: parameters.map(parameter) }),
    ...(artifacts === undefined || artifacts.length === 0 ? {} : { artifacts: [...artifacts] }),
  };
}

function outputs(parameters?: readonly IParameter[], artifacts?: readonly IArtifact[]): Pick<ITemplate, 'outputs'> {
  const has = (list?: readonly unknown[]) => list !== undefined && list.length > 0;
  if (!has(parameters) && !has(artifacts)) return {};
  return { outputs: { ...(has(parameters) ? { parameters: [...parameters!] } : {}), ...(has(artifacts) ? { artifacts: [...artifacts!] } : {}) } };
}
