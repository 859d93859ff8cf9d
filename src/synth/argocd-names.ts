/**
 * The names the app-of-apps gives an environment's Argo CD objects (`<env>-<platform>-<application>`): the
 * app-of-apps chart (src/platform/app-of-apps.ts)
 * renders them, and deploy and status look them up in the cluster by them.
 */
import type { PlatformEnvironment } from '../config/schema.js';

/** The application folder holding the app-of-apps. */
export const ARGOCD_APPLICATION = 'argocd';

/**
 * The cluster Argo CD runs in, as it names it: the Applications and AppProjects live there, whatever
 * cluster they deploy to, so the root Application syncs them there.
 */
export const ARGOCD_OWN_CLUSTER = 'https://kubernetes.default.svc';

/** A cluster's URL as Argo CD matches it: without trailing slashes. */
export const bareServer = (server: string): string => server.replace(/\/+$/, '');

/** Whether `server` names Argo CD's own cluster. */
export const isArgoCdOwnCluster = (server: string): boolean => bareServer(server) === ARGOCD_OWN_CLUSTER;

export const applicationName = (env: PlatformEnvironment, application: string): string => `${env.name}-${env.platform}-${application}`;
/** The root Application, which syncs the argocd folder itself. */
export const rootApplicationName = (env: PlatformEnvironment): string => `${env.name}-${env.platform}-apps`;
export const rootProjectName = (env: PlatformEnvironment): string => `${env.argocd.project}-bootstrap`;
