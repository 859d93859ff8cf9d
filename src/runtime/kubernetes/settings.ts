/**
 * What every program that calls the Kubernetes API reads, declared apart from the client (./config.ts)
 * so that the contracts that name these variables, which the manifests read, load no client.
 */
import { readPath, strictFlag, url } from '../../contracts/model.js';

export const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const SOURCE = 'src/runtime/kubernetes/settings.ts';

/** What every program that calls the Kubernetes API reads; in a pod, the defaults are right. */
export const KUBERNETES_SETTINGS = {
  KUBERNETES_API_URL: { form: url('https', 'http'), default: 'https://kubernetes.default.svc', description: 'the API server', source: SOURCE },
  KUBERNETES_VERIFY_TLS: { form: strictFlag(), default: '1', description: "verify the API server's certificate", source: SOURCE },
  KUBERNETES_CA_FILE: { form: readPath(), default: `${SERVICE_ACCOUNT}/ca.crt`, description: "the CA bundle of the API server's certificate", source: SOURCE },
  KUBERNETES_TOKEN_FILE: { form: readPath(), default: `${SERVICE_ACCOUNT}/token`, description: 'the bearer token, re-read as it rotates', source: SOURCE },
} as const;
