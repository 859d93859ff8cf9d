/**
 * Shared by the workflow components' tests (one file per catalogue line of kind `workflows`): one
 * render of the fixture environment with every component on and each tier in a namespace of its
 * own, so "in its tier's namespace" and "in the same namespace" can fail; and readers of what the
 * rendered WorkflowTemplates declare, run and call.
 */
import { CATALOGUE_ENTRIES } from '../../../components/catalogue.js';
import { ENTRY_WORKFLOWS, type EntryWorkflowName } from '../../../components/entry-workflows.js';
import { THOTH_IMAGE_TAGS, type ThothImageName } from '../../../components/image-tags.js';
import { type Manifest, objectsOf, type RenderedEnvironment } from '../../../src/synth/manifest.js';
import { renderEnvironment } from '../../../src/synth/render.js';
import { THOTH } from '../../../platforms/thoth/platform.js';
import { bareEnvironment, TEST_IMAGE_TAGS } from '../../helpers.js';

/** The Thoth environment type, as the fixture's loader returns it. */
type Environment = ReturnType<typeof bareEnvironment>;
type Tier = (typeof ENTRY_WORKFLOWS)[EntryWorkflowName]['tier'] | 'frontend' | 'graph' | 'infra' | 'amun-api';

/** The catalogue's components of kind `workflows`, read from the catalogue. */
export const WORKFLOW_COMPONENTS = CATALOGUE_ENTRIES.filter(([, entry]) => entry.kind === 'workflows').map(([name]) => name);

/** The fixture environment, every component on, each tier in its own namespace `thoth-unit-<tier>`. */
export function splitEnvironment(): Environment {
  const env = bareEnvironment();
  const namespaces = Object.fromEntries(
    Object.values(env.namespaces).flatMap((namespace) => namespace.tiers.map((tier) => [`thoth-unit-${tier}`, { ...namespace, tiers: [tier] }])),
  );
  const components = Object.fromEntries(CATALOGUE_ENTRIES.map(([name]) => [name, { ...env.components[name], enabled: true }]));
  return { ...env, namespaces, components };
}

/** The namespace the split environment gives `tier`. */
export const namespaceOfTier = (tier: Tier): string => `thoth-unit-${tier}`;

let cached: RenderedEnvironment | undefined;
/** The split environment, rendered once per test file. */
export function rendered(): RenderedEnvironment {
  cached ??= renderEnvironment(THOTH, splitEnvironment(), TEST_IMAGE_TAGS);
  return cached;
}

/** The split environment with some components' settings changed (`{ kebechet: { enabled: false } }`), rendered. */
export function renderedWith(changes: Readonly<Record<string, object>>): RenderedEnvironment {
  const env = splitEnvironment();
  const components = { ...env.components };
  for (const [name, settings] of Object.entries(changes)) components[name] = { ...components[name], ...settings };
  return renderEnvironment(THOTH, { ...env, components }, TEST_IMAGE_TAGS);
}

const manifests = (env: RenderedEnvironment): Manifest[] => objectsOf(env).map((object) => object.manifest);

/** The object of that kind, name and namespace, if rendered. */
export const objectOf = (kind: string, name: string, namespace: string, env = rendered()): Manifest | undefined =>
  manifests(env).find((m) => m.kind === kind && m.metadata.name === name && m.metadata.namespace === namespace);

/**
 * The WorkflowTemplates a component's construct builds (optionally in one namespace). graph-sync's
 * are built once per namespace, by the first chart there that needs them (charts/context.ts).
 */
export function builtBy(component: string, namespace?: string, env = rendered()): Manifest[] {
  return objectsOf(env)
    .filter(({ manifest, constructPath }) => {
      const builder = constructPath.split('/')[1] ?? '';
      const ours = builder === component || (component === 'graph-sync' && builder.startsWith('GraphSync-'));
      return manifest.kind === 'WorkflowTemplate' && ours && (namespace === undefined || manifest.metadata.namespace === namespace);
    })
    .map(({ manifest }) => manifest);
}

/** Their names, sorted. */
export const templatesBuiltBy = (component: string, namespace?: string): string[] =>
  builtBy(component, namespace)
    .map((m) => m.metadata.name)
    .sort();

/** The WorkflowTemplate `name` in `namespace`; fails the test when there is none. */
export function workflowTemplate(name: string, namespace: string, env = rendered()): Manifest {
  const found = objectOf('WorkflowTemplate', name, namespace, env);
  if (found === undefined) throw new Error(`no WorkflowTemplate ${name} in namespace ${namespace}`);
  return found;
}

interface Parameter {
  readonly name: string;
  readonly default?: string;
  readonly enum?: string[];
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: string[];
  readonly resources?: object;
  readonly env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
  }[];
}
interface Call {
  readonly name: string;
  readonly templateRef?: { name: string; template: string };
}
export interface Template {
  readonly name: string;
  readonly container?: Container;
  readonly script?: Container;
  readonly initContainers?: Container[];
  readonly inputs?: { parameters?: Parameter[] };
  readonly dag?: { tasks: Call[] };
  readonly steps?: Call[][];
  readonly serviceAccountName?: string;
  readonly retryStrategy?: object;
  readonly activeDeadlineSeconds?: number | string;
  readonly podSpecPatch?: string;
  readonly volumes?: { name: string; secret?: { secretName: string; defaultMode?: number } }[];
}
export interface WorkflowSpec {
  readonly entrypoint?: string;
  readonly serviceAccountName?: string;
  readonly arguments?: { parameters: Parameter[] };
  readonly ttlStrategy?: object;
  readonly activeDeadlineSeconds?: number;
  readonly templates: Template[];
  readonly volumeClaimTemplates?: { metadata: { name: string }; spec: object }[];
  readonly volumeClaimGC?: object;
  readonly imagePullSecrets?: { name: string }[];
  readonly artifactRepositoryRef?: { configMap: string; key: string };
}

export const specOf = (manifest: Manifest): WorkflowSpec => manifest.spec as WorkflowSpec;

/** One template of a WorkflowTemplate; fails the test when there is none. */
export function templateOf(manifest: Manifest, name: string): Template {
  const found = specOf(manifest).templates.find((template) => template.name === name);
  if (found === undefined) throw new Error(`WorkflowTemplate ${manifest.metadata.name} has no template ${name}`);
  return found;
}

/** A template's input parameters, name → default ('<required>' when it has none). */
export const inputsOf = (template: Template): Record<string, string> =>
  Object.fromEntries((template.inputs?.parameters ?? []).map((p) => [p.name, p.default ?? '<required>']));

/** A WorkflowTemplate's arguments, name → default ('<required>' when it has none). */
export const argumentsOf = (manifest: Manifest): Record<string, string> =>
  Object.fromEntries((specOf(manifest).arguments?.parameters ?? []).map((p) => [p.name, p.default ?? '<required>']));

/**
 * What an entry workflow's callers rely on (components/entry-workflows.ts): it is in its tier's
 * namespace (else this throws), it declares every parameter they pass (`undeclared`) and requires
 * none they do not (`requiredButNotPassed`); `extras` are the ones it declares beyond theirs, with
 * their defaults.
 */
export function entryContract(purpose: EntryWorkflowName, env = rendered()) {
  const entry = ENTRY_WORKFLOWS[purpose];
  const declared = Object.fromEntries(
    (specOf(workflowTemplate(entry.template, namespaceOfTier(entry.tier), env)).arguments?.parameters ?? []).map((p) => [p.name, p.default]),
  );
  const passed = new Set<string>(entry.parameters);
  return {
    undeclared: [...passed].filter((name) => !(name in declared)),
    requiredButNotPassed: Object.keys(declared).filter((name) => declared[name] === undefined && !passed.has(name)),
    extras: Object.fromEntries(Object.entries(declared).filter(([name]) => !passed.has(name))),
  };
}

/** Every container of a WorkflowTemplate (init containers too). */
export const containersOf = (manifest: Manifest): Container[] =>
  specOf(manifest).templates.flatMap((template) => [
    ...(template.initContainers ?? []),
    ...[template.container, template.script].filter((c) => c !== undefined),
  ]);

/** The images the component's WorkflowTemplates run, sorted and unique. */
export const imagesBuiltBy = (component: string): string[] =>
  [
    ...new Set(
      builtBy(component)
        .flatMap(containersOf)
        .map((c) => c.image),
    ),
  ].sort();

/** `quay.io/thoth-station/<name>` at the versions table's tag (components/image-tags.ts). */
export const thothImage = (name: ThothImageName): string => `quay.io/thoth-station/${name}:${THOTH_IMAGE_TAGS[name]}`;

/** This repository's workflow-tasks image at its (test) content tag, from the environment's registry. */
export const workflowTasksImage = (): string => `${splitEnvironment().images.registry}/workflow-tasks:${TEST_IMAGE_TAGS.get('workflow-tasks')}`;

/** Every templateRef the WorkflowTemplate calls, as `<WorkflowTemplate>/<template>`. */
export function templateRefsOf(manifest: Manifest): string[] {
  const calls = specOf(manifest).templates.flatMap((template) => [...(template.dag?.tasks ?? []), ...(template.steps ?? []).flat()]);
  return calls.flatMap((call) => (call.templateRef === undefined ? [] : [`${call.templateRef.name}/${call.templateRef.template}`]));
}

/** The templateRefs of the component's WorkflowTemplates into other components' ones, sorted and unique. */
export function callsOutOf(component: string): string[] {
  const own = new Set(templatesBuiltBy(component));
  return [...new Set(builtBy(component).flatMap(templateRefsOf))].filter((ref) => !own.has(ref.split('/')[0]!)).sort();
}

/** The component's templateRefs that name no WorkflowTemplate, or no template of it, in the caller's namespace. */
export function danglingCallsOf(component: string, env = rendered()): string[] {
  return builtBy(component, undefined, env).flatMap((manifest) =>
    templateRefsOf(manifest)
      .filter((ref) => {
        const [name, template] = ref.split('/') as [string, string];
        const target = objectOf('WorkflowTemplate', name, manifest.metadata.namespace!, env);
        return target === undefined || !specOf(target).templates.some((each) => each.name === template);
      })
      .map((ref) => `${manifest.metadata.name} → ${ref}`),
  );
}

/** The ServiceAccounts the component's pods run as, by namespace: the workflow's, or a template's own. */
export function accountsOf(component: string): string[] {
  const accounts = builtBy(component).flatMap((manifest) => {
    const spec = specOf(manifest);
    const own = spec.templates.flatMap((template) => template.serviceAccountName ?? []);
    return [spec.serviceAccountName ?? '<namespace default>', ...own].map((account) => `${manifest.metadata.namespace}/${account}`);
  });
  return [...new Set(accounts)].sort();
}

interface Rule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

/**
 * A ServiceAccount of `namespace`: whether it is rendered, whether its pods get its token (the Argo
 * executor reports step results with it), and what the Roles bound to it allow, one line per
 * resource: `<namespace> <group>/<resource>[/<name>]: <verbs>`.
 */
export function account(name: string, namespace: string, env = rendered()) {
  const all = manifests(env);
  const serviceAccount = objectOf('ServiceAccount', name, namespace, env) as { automountServiceAccountToken?: boolean } | undefined;
  const bindings = all.filter(
    (m) =>
      (m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding') &&
      ((m as { subjects?: { kind: string; name: string; namespace?: string }[] }).subjects ?? []).some(
        (s) => s.kind === 'ServiceAccount' && s.name === name && s.namespace === namespace,
      ),
  );
  const permissions = bindings.flatMap((binding) => {
    const ref = (binding as unknown as { roleRef: { kind: string; name: string } }).roleRef;
    const where = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : binding.metadata.namespace!;
    const role = all.find((m) => m.kind === ref.kind && m.metadata.name === ref.name && (ref.kind === 'ClusterRole' || m.metadata.namespace === where));
    if (role === undefined) return [`${where}: binds ${ref.kind} ${ref.name}, which is not rendered`];
    return ((role as { rules?: Rule[] }).rules ?? []).flatMap((rule) =>
      rule.apiGroups.flatMap((group) =>
        rule.resources.flatMap((resource) =>
          (rule.resourceNames ?? ['']).map(
            (resourceName) => `${where} ${group || 'core'}/${resource}${resourceName && `/${resourceName}`}: ${rule.verbs.join(',')}`,
          ),
        ),
      ),
    );
  });
  return { rendered: serviceAccount !== undefined, mountsToken: serviceAccount?.automountServiceAccountToken === true, permissions: permissions.sort() };
}

/** What the workflow-core account `argo-workflow` is: rendered, with its token, allowed only to report step results. */
export const workflowAccount = (namespace: string) => ({
  rendered: true,
  mountsToken: true,
  permissions: [`${namespace} argoproj.io/workflowtaskresults: create,patch`],
});
