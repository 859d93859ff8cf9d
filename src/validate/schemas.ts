/**
 * Checks every object against the Kubernetes schema of its kind (kubernetes-models) or the schema of
 * its custom resource (@kubernetes-models/*). A kind with no known schema is a finding too.
 */
import { apiGroupOf, type Manifest } from '../synth/manifest.js';
import { customValidator, SCHEMA_ONLY_HERE } from './custom-schemas.js';

interface Model {
  validate(): void;
}
type ModelClass = { readonly prototype: Model };

/** The packages that hold schemas for an API group; the core and built-in groups are in kubernetes-models. */
const PACKAGES_BY_GROUP: Readonly<Record<string, readonly string[]>> = {
  'argoproj.io': ['@kubernetes-models/argo-cd', '@kubernetes-models/argo-workflows'],
  'cert-manager.io': ['@kubernetes-models/cert-manager'],
  'external-secrets.io': ['@kubernetes-models/external-secrets'],
  'grafana.integreatly.org': ['@kubernetes-models/grafana-operator'],
  'kafka.strimzi.io': ['@kubernetes-models/strimzi-kafka-operator'],
  'monitoring.coreos.com': ['@kubernetes-models/prometheus-operator'],
  'traefik.io': ['@kubernetes-models/traefik'],
};

// Node says ERR_MODULE_NOT_FOUND or ERR_PACKAGE_PATH_NOT_EXPORTED; jest's resolver says MODULE_NOT_FOUND.
const MISSING_MODULE_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'MODULE_NOT_FOUND']);

const models = new Map<string, Promise<ModelClass | undefined>>();

async function importModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const group = apiGroupOf(apiVersion);
  const packages = PACKAGES_BY_GROUP[group] ?? ['kubernetes-models'];
  for (const name of packages) {
    try {
      const module = (await import(`${name}/${apiVersion}/${kind}`)) as Record<string, unknown>;
      const model = module[kind];
      if (typeof model === 'function') return model as ModelClass;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!MISSING_MODULE_CODES.has(code ?? '')) throw error;
    }
  }
  return undefined;
}

function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  let model = models.get(key);
  if (model === undefined) {
    model = importModel(apiVersion, kind);
    models.set(key, model);
  }
  return model;
}

const WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/**
 * @kubernetes-models/argo-workflows models a step group as the Go struct `{steps: [...]}`, but Argo
 * (and its CRD) write it as a plain list; the model is given the struct form so it checks the steps
 * themselves instead of rejecting every steps template.
 */
function forModel(manifest: Manifest): Manifest {
  if (manifest.apiVersion !== 'argoproj.io/v1alpha1' || !WORKFLOW_KINDS.has(manifest.kind)) return manifest;
  type Spec = { readonly templates?: readonly { readonly steps?: unknown }[]; readonly workflowSpec?: Spec };
  const wrapTemplates = (spec: Spec | undefined) =>
    spec?.templates === undefined
      ? spec
      : {
          ...spec,
          templates: spec.templates.map((t) =>
            Array.isArray(t.steps) ? { ...t, steps: t.steps.map((group: unknown) => (Array.isArray(group) ? { steps: group } : group)) } : t,
          ),
        };
  const spec = manifest.spec as Spec | undefined;
  return { ...manifest, spec: manifest.kind === 'CronWorkflow' ? { ...spec, workflowSpec: wrapTemplates(spec?.workflowSpec) } : wrapTemplates(spec) };
}

/** Schema problems of one object, as messages (none when it is valid): its kind's schema, and the platform's stricter one where it has one. */
export async function schemaProblems(manifest: Manifest): Promise<string[]> {
  const custom = customValidator(manifest.apiVersion, manifest.kind);
  const stricter = custom === undefined || custom(manifest) ? [] : (custom.errors ?? []).map(describe);
  if (SCHEMA_ONLY_HERE.has(`${manifest.apiVersion}/${manifest.kind}`)) return stricter;
  const Model = await modelFor(manifest.apiVersion, manifest.kind);
  if (Model === undefined) return [`no schema is known for ${manifest.apiVersion} ${manifest.kind}; add its models package to src/validate/schemas.ts`];
  try {
    // The model's validate() on the manifest itself: an instance would first copy every field of it,
    // which took two thirds of this check's time. Its validator reads the object and changes nothing.
    Model.prototype.validate.call(forModel(manifest));
    return stricter;
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    // Both schemas may refuse the same field: it is said once.
    return [...new Set([...(errors === undefined ? [(error as Error).message] : errors.map(describe)), ...stricter])];
  }
}

function describe(entry: { instancePath: string; message?: string; params?: Record<string, unknown> }): string {
  const where = entry.instancePath === '' ? '(object)' : entry.instancePath.slice(1).replaceAll('/', '.');
  const extra = entry.params?.additionalProperty === undefined ? '' : ` (unknown field "${String(entry.params.additionalProperty)}")`;
  return `${where} ${entry.message ?? 'is invalid'}${extra}`;
}
