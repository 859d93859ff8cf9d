/** The names of the ports workloads serve on: Services, probes, NetworkPolicies and ServiceMonitors refer to ports by these. */
export const PORT_NAMES = { http: 'http', postgresql: 'postgresql', metrics: 'metrics', s3: 's3' } as const;
