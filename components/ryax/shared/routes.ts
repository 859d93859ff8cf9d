/**
 * A service's routes under the environment's one host, as the ryax-engine chart publishes them
 * (ryax-inventory.md §5): plain `networking.k8s.io/v1` Ingresses for the ingress class (Traefik),
 * with Traefik Middlewares named in `traefik.ingress.kubernetes.io/router.middlewares`: one that
 * strips the service's prefix, so it sees the paths it serves, and with TLS one that redirects
 * plain HTTP to HTTPS. With TLS every route serves the host's certificate (./certificate.ts).
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { objectLabels } from '../../../src/platform/metadata.js';
import type { RyaxEnvironment } from './environment.js';

/** The Secret the host's certificate is kept in, which every route serves with TLS. */
export const HOST_CERTIFICATE_SECRET = 'ryax-tls';

export interface Route {
  readonly path: string;
  /** Exact: only the path itself (the web UI's `/`); Prefix: the path and everything below it. */
  readonly match: 'Exact' | 'Prefix';
  /** The service sees the path without this prefix (its own paths start at `/`). */
  readonly stripPrefix: boolean;
  /** The Service port the route reaches. */
  readonly port: number;
}

export interface RoutesProps {
  readonly env: RyaxEnvironment;
  readonly namespace: string;
  /** The Service the routes reach, and the name of the Ingress and Middlewares. */
  readonly service: string;
  readonly routes: readonly Route[];
}

export class Routes extends Construct {
  constructor(scope: Construct, id: string, props: RoutesProps) {
    super(scope, id);
    const { env, namespace, service } = props;
    const labels = objectLabels(service, 'route');
    const tls = env.network.tlsClusterIssuer !== undefined;
    const middlewares: string[] = [];
    const middleware = (name: string, spec: Record<string, unknown>) => {
      new ApiObject(this, `Middleware-${name}`, { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace, labels }, spec });
      // Traefik's name for a Middleware of the Kubernetes CRD provider.
      middlewares.push(`${namespace}-${name}@kubernetescrd`);
    };
    if (tls) middleware(`${service}-https-redirect`, { redirectScheme: { scheme: 'https', permanent: true } });
    const stripped = props.routes.filter((route) => route.stripPrefix).map((route) => route.path);
    if (stripped.length > 0) middleware(`${service}-strip-prefix`, { stripPrefix: { prefixes: stripped } });
    new k8s.KubeIngress(this, 'Ingress', {
      metadata: {
        name: service,
        namespace,
        labels,
        ...(middlewares.length === 0 ? {} : { annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': middlewares.join(',') } }),
      },
      spec: {
        ingressClassName: env.network.ingressClassName,
        ...(tls ? { tls: [{ hosts: [env.host], secretName: HOST_CERTIFICATE_SECRET }] } : {}),
        rules: [
          {
            host: env.host,
            http: {
              paths: props.routes.map((route) => ({
                path: route.path,
                pathType: route.match,
                backend: { service: { name: service, port: { number: route.port } } },
              })),
            },
          },
        ],
      },
    });
  }
}
