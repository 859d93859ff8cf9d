import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { objectLabels } from './metadata.js';

export interface ExternalSecretProps {
  readonly env: PlatformEnvironment;
  /** Name of the Secret the operator creates (and of this ExternalSecret). */
  readonly name: string;
  readonly namespace: string;
  /** The keys the Secret will hold, each copied from the same property of the remote secret. */
  readonly keys: readonly string[];
  /** The `app.kubernetes.io/name` of the component this secret belongs to. */
  readonly owner: string;
  /**
   * The remote secret's path below the environment's key prefix.
   * @default the secret's name
   */
  readonly remoteName?: string;
  /**
   * The Secret's type, such as kubernetes.io/dockerconfigjson.
   * @default Opaque
   */
  readonly type?: string;
  /**
   * Keys made from the fetched ones (external-secrets' templates: `{{ .username }}`), besides them: a
   * file an operator reads whole, built from the same values, so the two never disagree.
   * @default none: the Secret holds the fetched keys alone
   */
  readonly derived?: Readonly<Record<string, string>>;
}

/**
 * A Secret that exists in the cluster but never in git: external-secrets copies `keys` from the
 * environment's secret store (`<keyPrefix>/<remoteName>`, one property per key).
 */
export class ExternalSecret extends Construct {
  readonly secretName: string;
  readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    if (props.keys.length === 0) {
      throw new Error(`ExternalSecret ${props.name}: keys is empty; list at least one key the Secret must hold`);
    }
    this.secretName = props.name;
    this.keys = [...props.keys].sort();
    const remoteKey = `${props.env.secrets.keyPrefix}/${props.remoteName ?? props.name}`;
    const spec: IExternalSecret['spec'] = {
      refreshInterval: props.env.secrets.refreshInterval,
      secretStoreRef: { kind: props.env.secrets.storeKind, name: props.env.secrets.storeName },
      // Owner: the Secret goes when this object goes; Retain keeps it if the store loses the key.
      target: {
        name: props.name,
        creationPolicy: 'Owner',
        deletionPolicy: 'Retain',
        ...(props.type === undefined && props.derived === undefined
          ? {}
          : {
              template: {
                ...(props.type === undefined ? {} : { type: props.type }),
                // Merge: the fetched keys stay beside the derived ones.
                ...(props.derived === undefined ? {} : { mergePolicy: 'Merge', data: { ...props.derived } }),
              },
            }),
      },
      data: this.keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
    };
    new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: props.name, namespace: props.namespace, labels: objectLabels(props.owner, 'secret') },
      spec,
    });
  }
}
