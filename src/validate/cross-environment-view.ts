/**
 * What validate keeps of an environment once its own checks have run: the little that the checks
 * across environments (./collisions.ts) and the waivers read, and each rule group as the text
 * promtool checks. An environment's objects are let go as soon as it is checked, so that validating
 * a hundred environments holds one rendering at a time, not a hundred; and this view, plain data,
 * crosses from a helper thread by structured clone.
 */
import type { Manifest, RenderedEnvironment, RenderedObject } from '../synth/manifest.js';
import { ruleFile } from './promtool.js';
import { WAIVER_PREFIX } from './waivers.js';

/** A PrometheusRule's groups as the file promtool checks, with the object they came from. */
export interface RuleText {
  readonly object: RenderedObject;
  readonly text: string;
}

type Spec = Readonly<Record<string, unknown>> | undefined;

/** Of each kind's spec, what ./collisions.ts reads: destinations, hosts and secret keys. */
const SPEC_READ_ACROSS: Readonly<Record<string, (spec: Spec) => Spec>> = {
  Application: (spec) => ({ destination: spec?.destination }),
  Ingress: (spec) => ({
    rules: ((spec?.rules ?? []) as { host?: string }[]).map((rule) => ({ host: rule.host })),
    tls: ((spec?.tls ?? []) as { hosts?: string[] }[]).map((tls) => ({ hosts: tls.hosts })),
  }),
  ExternalSecret: (spec) => ({
    secretStoreRef: spec?.secretStoreRef,
    data: ((spec?.data ?? []) as { remoteRef?: { key?: string } }[]).map((item) => ({ remoteRef: { key: item.remoteRef?.key } })),
    dataFrom: ((spec?.dataFrom ?? []) as { extract?: { key?: string } }[]).map((item) => ({ extract: { key: item.extract?.key } })),
  }),
};

export function crossEnvironmentView(env: RenderedEnvironment): { readonly view: RenderedEnvironment; readonly rules: readonly RuleText[] } {
  const rules: RuleText[] = [];
  const view: RenderedEnvironment = {
    name: env.name,
    ...(env.kubernetesVersion === undefined ? {} : { kubernetesVersion: env.kubernetesVersion }),
    applications: env.applications.map((application) => ({
      name: application.name,
      wave: application.wave,
      namespace: application.namespace,
      objects: application.objects.map((object) => {
        const slim = slimObject(object);
        if (object.manifest.kind === 'PrometheusRule') rules.push({ object: slim, text: ruleFile([object]) });
        return slim;
      }),
    })),
  };
  return { view, rules };
}

function slimObject(object: RenderedObject): RenderedObject {
  const { apiVersion, kind, metadata, spec } = object.manifest;
  const waivers = Object.entries(metadata.annotations ?? {}).filter(([key]) => key.startsWith(WAIVER_PREFIX));
  const slimSpec = SPEC_READ_ACROSS[kind];
  const manifest: Manifest = {
    apiVersion,
    kind,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      ...(waivers.length === 0 ? {} : { annotations: Object.fromEntries(waivers) }),
    },
    ...(slimSpec === undefined || spec === undefined ? {} : { spec: slimSpec(spec as Spec) }),
  };
  return { manifest, application: object.application, file: object.file, constructPath: object.constructPath };
}
