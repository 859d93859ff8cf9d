/**
 * The Services' names, the chart's for a release named `ryax` (ryax-inventory.md §1): the services
 * find each other by these, and the chart's documentation and tools name them so.
 */
export const RYAX_SERVICE_NAMES = {
  authorization: 'ryax-authorization',
  runner: 'ryax-runner',
  studio: 'ryax-studio',
  repository: 'ryax-repository',
  actionBuilder: 'ryax-action-builder',
  front: 'ryax-front',
} as const;
