/** The callback Secrets, deleted through the Kubernetes API as the step's service account. */
import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { CallbackSecrets } from '../application/ports.js';

export class KubernetesCallbackSecrets implements CallbackSecrets {
  private readonly api: CoreV1Api;

  constructor(config: KubeConfig) {
    this.api = config.makeApiClient(CoreV1Api);
  }

  async delete(namespace: string, name: string): Promise<'deleted' | 'absent'> {
    try {
      await this.api.deleteNamespacedSecret({ name, namespace });
      return 'deleted';
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return 'absent';
      throw error;
    }
  }
}
