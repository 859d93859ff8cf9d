/**
 * A service's routes under the environment's one host, as the ryax-engine chart publishes them
 * (ryax-inventory.md §5): plain `networking.k8s.io/v1` Ingresses for the ingress class (Traefik),
 * with Traefik Middlewares named in `traefik.ingress.kubernetes.io/router.middlewares`: one that
 * strips the service's prefix, so it sees the paths it serves. With TLS every route serves the host's
 * certificate on Traefik's `websecure` entry point, and a second Ingress on `web` redirects plain HTTP
 * to HTTPS (a router with TLS does not answer plain HTTP, so the redirect cannot sit on it).
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
    // Traefik's name for a Middleware of the Kubernetes CRD provider.
    const middleware = (name: string, spec: Record<string, unknown>): string => {
      new ApiObject(this, `Middleware-${name}`, { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace, labels }, spec });
      return `${namespace}-${name}@kubernetescrd`;
    };
    const stripped = props.routes.filter((route) => route.stripPrefix).map((route) => route.path);
    const strip = stripped.length > 0 ? [middleware(`${service}-strip-prefix`, { stripPrefix: { prefixes: stripped } })] : [];
    const ingress = (id: string, name: string, options: { entrypoint?: string; middlewares: readonly string[]; tls: boolean }) =>
      new k8s.KubeIngress(this, id, {
        metadata: {
          name,
          namespace,
          labels,
          annotations: {
            ...(options.entrypoint === undefined ? {} : { 'traefik.ingress.kubernetes.io/router.entrypoints': options.entrypoint }),
            ...(options.middlewares.length === 0 ? {} : { 'traefik.ingress.kubernetes.io/router.middlewares': options.middlewares.join(',') }),
          },
        },
        spec: {
          ingressClassName: env.network.ingressClassName,
          ...(options.tls ? { tls: [{ hosts: [env.host], secretName: HOST_CERTIFICATE_SECRET }] } : {}),
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
    if (!tls) {
      ingress('Ingress', service, { middlewares: strip, tls: false });
      return;
    }
    // A router with TLS serves HTTPS only: plain HTTP gets a router of its own, on Traefik's `web`
    // entry point, whose one Middleware redirects to HTTPS.
    ingress('Ingress', service, { entrypoint: 'websecure', middlewares: strip, tls: true });
    const redirect = middleware(`${service}-https-redirect`, { redirectScheme: { scheme: 'https', permanent: true } });
    ingress('RedirectIngress', `${service}-http`, { entrypoint: 'web', middlewares: [redirect], tls: false });
  }
}
