/** Services other components reach through the shared ConfigMaps. */
export const KNOWLEDGE_GRAPH_SERVICE = { name: 'pgbouncer', port: 5432 } as const;
export const PUSHGATEWAY_SERVICE = { name: 'pushgateway', port: 9091 } as const;
export const AMUN_API_SERVICE = { name: 'amun-api', port: 80 } as const;
export const USER_API_SERVICE = { name: 'user-api', port: 80 } as const;
