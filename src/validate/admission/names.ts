/**
 * The API server's own rules for names, label and annotation keys and values (k8s.io/apimachinery
 * pkg/util/validation and pkg/api/validation): each returns why a value breaks the rule, or
 * undefined. The messages say what is allowed, as the API server's do.
 */

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Exported for the environment schema's namespace names, which become DNS labels. */
export const DNS_1123_LABEL = new RegExp(`^${LABEL}$`);
const DNS_1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME = /^[-a-z0-9]+$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** The longest name of each rule: a DNS label 63, a subdomain 253. */
const MAX = { label: 63, subdomain: 253, qualifiedName: 63, portName: 15 } as const;

/** The annotations of one object may hold at most 256 KiB, keys and values together. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

const tooLong = (value: string, max: number) => (value.length > max ? `is ${value.length} characters long; at most ${max} are allowed` : undefined);

export function dns1123LabelProblem(value: string): string | undefined {
  return (
    tooLong(value, MAX.label) ??
    (DNS_1123_LABEL.test(value) ? undefined : 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit')
  );
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  return (
    tooLong(value, MAX.subdomain) ??
    (DNS_1123_SUBDOMAIN.test(value)
      ? undefined
      : 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit')
  );
}

export function dns1035LabelProblem(value: string): string | undefined {
  return (
    tooLong(value, MAX.label) ??
    (DNS_1035_LABEL.test(value)
      ? undefined
      : 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit')
  );
}

/** Role and RoleBinding names are path segments: anything but ".", ".." and names with "/" or "%". */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be "${value}"`;
  return /[/%]/.test(value) ? 'may not contain "/" or "%"' : undefined;
}

/** A label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const [prefix, name] = slash === -1 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined) {
    const problem = prefix === '' ? 'is empty' : dns1123SubdomainProblem(prefix);
    if (problem !== undefined) return `has a prefix "${prefix}" that ${problem}`;
  }
  if (name === '') return 'has an empty name part';
  return (
    tooLong(name, MAX.qualifiedName) ??
    (QUALIFIED_NAME_PART.test(name)
      ? undefined
      : 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit, with an optional DNS subdomain prefix and "/"')
  );
}

export function labelValueProblem(value: string): string | undefined {
  return (
    tooLong(value, MAX.label) ??
    (LABEL_VALUE.test(value) ? undefined : 'must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit')
  );
}

/** A container port's name (IANA_SVC_NAME), which Services and probes refer to. */
export function portNameProblem(value: string): string | undefined {
  if (value.length > MAX.portName) return `is ${value.length} characters long; a port name has at most ${MAX.portName}`;
  if (!PORT_NAME.test(value) || !/[a-z]/.test(value)) return 'must be lowercase letters, digits and "-", with at least one letter';
  if (value.startsWith('-') || value.endsWith('-') || value.includes('--')) return 'may not start or end with "-" or hold "--"';
  return undefined;
}

/** A ConfigMap or Secret data key, which becomes a file name when mounted. */
export function configMapKeyProblem(key: string): string | undefined {
  if (key === '.' || key === '..' || key.startsWith('..')) return 'may not be "." or start with ".."';
  return tooLong(key, MAX.subdomain) ?? (CONFIG_MAP_KEY.test(key) ? undefined : 'must be letters, digits, "-", "_" and "."');
}
