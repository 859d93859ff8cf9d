/**
 * The registry's own host, registry.<host>, where the nodes pull the actions' images from when the
 * environment has TLS (the chart's prod preset: RyaxTech/ryax-engine@9dc81bf:charts/ryax/env/prod.yaml#L14-L16,
 * subcharts/registry/templates/ingress.yaml). A host route, which ../shared/routes.ts (paths under the
 * one host, served with the host's certificate) does not make: the same Traefik conventions, a
 * certificate of its own from the environment's ClusterIssuer, and the whole host to the registry.
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { objectLabels } from '../../../src/platform/metadata.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { REGISTRY_API_PORT, REGISTRY_SERVICE, registryHost } from './names.js';

/** The Secret cert-manager keeps registry.<host>'s certificate in. */
export const REGISTRY_TLS_SECRET = `${REGISTRY_SERVICE}-tls`;

export interface RegistryRouteProps {
  readonly env: RyaxEnvironment;
  readonly namespace: string;
  /** The ClusterIssuer that signs the host's certificate. */
  readonly issuer: string;
}

export class RegistryRoute extends Construct {
  constructor(scope: Construct, id: string, props: RegistryRouteProps) {
    super(scope, id);
    const { env, namespace } = props;
    const host = registryHost(env);
    const labels = objectLabels(REGISTRY_SERVICE, 'route');
    new ApiObject(this, 'Certificate', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: REGISTRY_TLS_SECRET, namespace, labels },
      spec: { secretName: REGISTRY_TLS_SECRET, dnsNames: [host], issuerRef: { kind: 'ClusterIssuer', name: props.issuer } },
    });
    const rules = [
      {
        host,
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: REGISTRY_SERVICE, port: { number: REGISTRY_API_PORT } } } }],
        },
      },
    ];
    const ingress = (id: string, name: string, annotations: Record<string, string>, tls: boolean) =>
      new k8s.KubeIngress(this, id, {
        metadata: { name, namespace, labels, annotations },
        spec: {
          ingressClassName: env.network.ingressClassName,
          ...(tls ? { tls: [{ hosts: [host], secretName: REGISTRY_TLS_SECRET }] } : {}),
          rules,
        },
      });
    // HTTPS on Traefik's websecure entry point; plain HTTP on `web` only redirects, as ../shared/routes.ts does.
    ingress('Ingress', REGISTRY_SERVICE, { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' }, true);
    const redirect = `${REGISTRY_SERVICE}-https-redirect`;
    new ApiObject(this, 'Middleware', {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: redirect, namespace, labels },
      spec: { redirectScheme: { scheme: 'https', permanent: true } },
    });
    ingress(
      'RedirectIngress',
      `${REGISTRY_SERVICE}-http`,
      {
        'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
        'traefik.ingress.kubernetes.io/router.middlewares': `${namespace}-${redirect}@kubernetescrd`,
      },
      false,
    );
  }
}
