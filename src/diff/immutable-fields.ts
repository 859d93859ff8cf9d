/**
 * The fields the Kubernetes API server will not update, per kind, and how to apply a change to one
 * all the same: the one declaration `diff` flags changes with and `validate --base` reports them by.
 *
 * Read from the API server's update validation (kubernetes/kubernetes, 1.30 to 1.34):
 * pkg/apis/apps/validation ValidateStatefulSetUpdate, ValidateDeploymentUpdate,
 * ValidateDaemonSetUpdate; pkg/apis/batch/validation ValidateJobSpecUpdate; pkg/apis/core/validation
 * ValidateServiceUpdate, ValidatePersistentVolumeClaimUpdate, ValidateConfigMapUpdate,
 * ValidateSecretUpdate; pkg/apis/rbac/validation ValidateRoleBindingUpdate.
 *
 * A changed name or namespace is not here: that is another object (a deletion and a creation), which
 * the API server has no objection to.
 */
import { quantityValue } from '../config/quantity.js';

type Body = Readonly<Record<string, unknown>>;

/** The object a procedure is about: `kubectl -n <namespace> delete <kind> <name>`. */
export interface ImmutableObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface ImmutableRule {
  readonly kinds: readonly string[];
  /** Field paths that cannot change; `*` stands for every field at that level (`spec.*`). */
  readonly fields: readonly string[];
  /** Paths below `fields` that can change all the same. */
  readonly except?: readonly string[];
  /** Changes of one field (its exact path) that the API server accepts all the same, such as a claim's storage growing. */
  readonly accepts?: Readonly<Record<string, (before: unknown, after: unknown, objects: { readonly before: Body; readonly after: Body }) => boolean>>;
  /** Whether the rule holds for this update at all (only an immutable ConfigMap's data is immutable). */
  readonly when?: (before: Body, after: Body) => boolean;
  /** What the API server says, in short. */
  readonly why: string;
  /** How to apply the change all the same; `fields` are the immutable fields that changed. */
  readonly procedure: (object: ImmutableObject, update: { readonly fields: readonly string[]; readonly before: Body; readonly after: Body }) => string;
}

const at = (body: Body, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), body);
const kubectlIn = (object: ImmutableObject) => `kubectl${object.namespace === undefined ? '' : ` -n ${object.namespace}`}`;
const kubectl = (object: ImmutableObject, verb: string) => `${kubectlIn(object)} ${verb} ${object.kind.toLowerCase()} ${object.name}`;
const SYNC = 'then sync its Argo CD Application';
const serviceType = (body: Body) => at(body, 'spec.type') ?? 'ClusterIP';
const isImmutable = (before: Body) => before.immutable === true;

/** A sentence with the patch that grows each claim of the StatefulSet whose template's storage grew, if any did. */
function claimResizes(object: ImmutableObject, before: Body, after: Body): string[] {
  type Template = { metadata?: { name?: string }; spec?: { resources?: { requests?: { storage?: string } } } };
  const templates = (body: Body) => (at(body, 'spec.volumeClaimTemplates') ?? []) as Template[];
  const storage = (template: Template | undefined) => template?.spec?.resources?.requests?.storage;
  const start = Number(at(after, 'spec.ordinals.start') ?? 0);
  const ordinals = Array.from({ length: Number(at(after, 'spec.replicas') ?? 1) }, (_, index) => start + index);
  const patches = templates(after).flatMap((template) => {
    const old = templates(before).find((candidate) => candidate.metadata?.name === template.metadata?.name);
    const size = storage(template);
    if (size === undefined || storage(old) === undefined || quantityValue(size) <= quantityValue(storage(old)!)) return [];
    const patch = JSON.stringify({ spec: { resources: { requests: { storage: size } } } });
    return ordinals.map((ordinal) => `${kubectlIn(object)} patch pvc ${template.metadata?.name}-${object.name}-${ordinal} -p '${patch}'`);
  });
  return patches.length === 0 ? [] : [`Grow them by hand (their StorageClass must allow volume expansion): ${patches.join('; ')}.`];
}

export const IMMUTABLE_RULES: readonly ImmutableRule[] = [
  {
    kinds: ['StatefulSet'],
    fields: ['spec.*'],
    except: [
      'spec.replicas',
      'spec.ordinals',
      'spec.template',
      'spec.updateStrategy',
      'spec.revisionHistoryLimit',
      'spec.persistentVolumeClaimRetentionPolicy',
      'spec.minReadySeconds',
    ],
    why: "a StatefulSet's spec may change only in replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds",
    procedure: (object, { fields, before, after }) =>
      [
        `${kubectl(object, 'delete')} --cascade=orphan (its pods and volumes stay), ${SYNC}: Argo CD creates it anew and it adopts the running pods.`,
        ...(fields.includes('spec.volumeClaimTemplates')
          ? ['The claims it made keep their size and settings: a template only shapes new claims.', ...claimResizes(object, before, after)]
          : []),
      ].join(' '),
  },
  {
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    fields: ['spec.selector'],
    why: 'the label selector cannot change',
    procedure: (object) => `${kubectl(object, 'delete')} (its pods stop), ${SYNC}: Argo CD creates it with the new selector.`,
  },
  {
    kinds: ['Job'],
    fields: [
      'spec.selector',
      'spec.template',
      'spec.completions',
      'spec.completionMode',
      'spec.podFailurePolicy',
      'spec.backoffLimitPerIndex',
      'spec.managedBy',
      'spec.successPolicy',
    ],
    // An Indexed Job may scale: completions changed together with parallelism to the same value.
    accepts: { 'spec.completions': (_, after, { after: job }) => at(job, 'spec.completionMode') === 'Indexed' && at(job, 'spec.parallelism') === after },
    why: "a Job's pod template, selector and completion settings cannot change once it is created",
    procedure: (object) =>
      `give the Job a new name (Argo CD prunes the old one), or annotate it argocd.argoproj.io/sync-options: Force=true,Replace=true so that Argo CD deletes and creates it on every sync (Replace=true alone is still an update); or ${kubectl(object, 'delete')}, ${SYNC}.`,
  },
  {
    kinds: ['Service'],
    fields: ['spec.clusterIP', 'spec.clusterIPs'],
    // To or from ExternalName, the API server allocates or releases the address itself.
    when: (before, after) => serviceType(before) !== 'ExternalName' && serviceType(after) !== 'ExternalName',
    why: "a Service's cluster IP cannot change once set (and one set to None stays None when the field is removed)",
    procedure: (object) => `${kubectl(object, 'delete')}, ${SYNC}: Argo CD creates it with the new cluster IP; clients that resolve its DNS name follow.`,
  },
  {
    kinds: ['PersistentVolumeClaim'],
    fields: ['spec.*'],
    except: ['spec.volumeAttributesClassName'],
    accepts: { 'spec.resources.requests.storage': (before, after) => quantityValue(String(after)) >= quantityValue(String(before)) },
    why: "a PersistentVolumeClaim's spec cannot change, but for its storage request growing (a volume never shrinks)",
    procedure: (object) =>
      `keep the old value; or stop the pods that mount it, copy its data out, ${kubectl(object, 'delete')}, ${SYNC} to create it anew, and copy the data back.`,
  },
  {
    kinds: ['ConfigMap', 'Secret'],
    fields: ['data', 'binaryData', 'stringData', 'immutable'],
    when: isImmutable,
    why: 'it is immutable (immutable: true): its data cannot change, nor can it become mutable',
    procedure: (object) => `give it a new name and point its users at that (Argo CD prunes the old one); or ${kubectl(object, 'delete')}, ${SYNC}.`,
  },
  {
    kinds: ['Secret'],
    fields: ['type'],
    why: "a Secret's type cannot change",
    procedure: (object) => `give it a new name and point its users at that (Argo CD prunes the old one); or ${kubectl(object, 'delete')}, ${SYNC}.`,
  },
  {
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    fields: ['roleRef'],
    why: "a binding's roleRef cannot change",
    procedure: (object) => `${kubectl(object, 'delete')} (the subjects lose the role until the sync), ${SYNC}; or give the binding a new name.`,
  },
];
