/**
 * Environment variables of a container, made for its image's contract: typed by the names the
 * program reads. A platform adds its shared groups in a subclass (a group reads the shared ConfigMaps
 * and Secrets of the namespace, so a value changes in one place); `validate`
 * (src/validate/references.ts) proves every key named exists.
 */
import type { k8s } from 'cdk8s-plus-28';
import { everyMode, type ImageContract, type Mode, type Modes } from '../contracts/model.js';

export interface EnvSource {
  readonly vars: readonly k8s.EnvVar[];
  readonly volumes: readonly k8s.Volume[];
  readonly mounts: readonly k8s.VolumeMount[];
  /** Whether the program reads `name` (true when no contract says). */
  reads(name: string): boolean;
}

/** Every variable name a mode reads, its nested modes' included. */
type ModeNames<M> =
  | (M extends { readonly variables: infer V } ? keyof V : never)
  | (M extends { readonly patterns: readonly (infer P)[] } ? (P extends { readonly prefix: infer X extends string } ? `${X}${string}` : never) : never)
  | (M extends { readonly modes: { readonly selector: { readonly variable: infer S } } } ? S : never)
  | (M extends { readonly modes: { readonly variants: infer Vs } } ? { [K in keyof Vs]: ModeNames<Vs[K]> }[keyof Vs] : never);

/** Every variable name an image's program may read, in any mode: what its constructs may set. */
export type ReadBy<C extends ImageContract> = Extract<ModeNames<C>, string>;

/** In a mode path: the mode is chosen per run, so every mode below counts. */
export const ANY_MODE = '*';

/** The modes that lead to a variant, outermost first, and what they read. */
/** Whether `key`, as the selector's value, selects the mode `key`. */
function namesItself(modes: Modes, key: string): boolean {
  if (modes.classify === undefined) return true;
  try {
    return modes.classify(key) === key;
  } catch {
    return false;
  }
}

/** What a program of `contract` reads in the mode `path` names, and the selector values that choose that mode. */
export interface ContractReads {
  readonly names: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly selections: readonly (readonly [string, string])[];
}

/** What a program of `contract` reads in the mode `path` names (outermost first; defaults where omitted). */
export function contractReads(contract: ImageContract, path: readonly string[]): ContractReads {
  const names = new Set(Object.keys(contract.variables));
  const prefixes = (contract.patterns ?? []).map((pattern) => pattern.prefix);
  const selections: [string, string][] = [];
  let modes: Modes | undefined = contract.modes;
  const remaining = [...path];
  while (modes !== undefined) {
    if ('variable' in modes.selector) names.add(modes.selector.variable);
    if (remaining[0] === ANY_MODE) {
      // The mode is chosen per run (a workflow parameter): whatever any mode reads may be given.
      for (const mode of everyMode(modes)) {
        for (const name of Object.keys(mode.variables ?? {})) names.add(name);
        prefixes.push(...(mode.patterns ?? []).map((pattern) => pattern.prefix));
        if (mode.modes !== undefined && 'variable' in mode.modes.selector) names.add(mode.modes.selector.variable);
      }
      return { names, prefixes, selections };
    }
    const key = remaining.shift() ?? modes.default;
    if (key === undefined) throw new Error(`${contract.repository}: choose one of its modes (${Object.keys(modes.variants).join(', ')})`);
    const mode: Mode | undefined = modes.variants[key];
    if (mode === undefined) throw new Error(`${contract.repository} has no mode ${key}; it has ${Object.keys(modes.variants).join(', ')}`);
    // A mode named by the value itself sets it, also where the program classifies the value and the
    // key is a value it classifies as that mode (a task name); other classified modes (a list of
    // consumer modes) are set by the construct.
    if ('variable' in modes.selector && key !== modes.default && namesItself(modes, key)) selections.push([modes.selector.variable, key]);
    for (const name of Object.keys(mode.variables ?? {})) names.add(name);
    prefixes.push(...(mode.patterns ?? []).map((pattern) => pattern.prefix));
    modes = mode.modes;
  }
  if (remaining.length > 0) throw new Error(`${contract.repository}: no modes below ${path.slice(0, path.length - remaining.length).join('/')}`);
  return { names, prefixes, selections };
}

/**
 * A container's environment. Made for an image's contract (`Env.for`), it is typed by the names the
 * program reads, so a construct cannot set one it does not (a compile error), and a platform's shared
 * groups (its subclass's) give it only the variables of the group it reads; the mode it runs in (a
 * task, a subcommand) sets its selector variable itself.
 */
export class Env<Name extends string = string> implements EnvSource {
  private readonly byName = new Map<string, k8s.EnvVar>();
  private readonly volumeList: k8s.Volume[] = [];
  private readonly mountList: k8s.VolumeMount[] = [];

  /** `read` absent: a program no contract describes, which may be given anything. */
  constructor(private readonly read?: ContractReads) {
    for (const [variable, value] of read?.selections ?? []) this.set({ name: variable, value });
  }

  /** The environment of a program of `contract`, in the mode `path` names (outermost first; defaults where omitted). */
  static for<C extends ImageContract>(contract: C, ...path: string[]): Env<ReadBy<C>> {
    return new Env<ReadBy<C>>(contractReads(contract, path));
  }

  reads(name: string): boolean {
    return this.read === undefined || this.read.names.has(name) || this.read.prefixes.some((prefix) => name.startsWith(prefix));
  }

  get vars(): readonly k8s.EnvVar[] {
    return [...this.byName.values()];
  }

  get volumes(): readonly k8s.Volume[] {
    return this.volumeList;
  }

  get mounts(): readonly k8s.VolumeMount[] {
    return this.mountList;
  }

  /** A later definition of the same name replaces the earlier one in place. */
  private set(variable: k8s.EnvVar): this {
    this.byName.set(variable.name, variable);
    return this;
  }

  /** A variable of a shared group: given only to a program that reads it. */
  protected offer(variable: k8s.EnvVar): this {
    return this.reads(variable.name) ? this.set(variable) : this;
  }

  literal(name: Name, value: string): this {
    return this.set({ name, value });
  }

  configMap(name: Name, configMap: string, key: string): this {
    return this.set({ name, valueFrom: { configMapKeyRef: { name: configMap, key } } });
  }

  secret(name: Name, secret: string, key: string, options: { optional?: boolean } = {}): this {
    return this.set({ name, valueFrom: { secretKeyRef: { name: secret, key, ...(options.optional ? { optional: true } : {}) } } });
  }

  /**
   * A Secret value for the kubelet to expand as $(name) in a later value (a URL built from parts);
   * the program does not read it, so its name is not the contract's.
   */
  secretToExpand(name: string, secret: string, key: string): this {
    return this.set({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
  }

  /** A literal only some modes of the program read (a step template per mode): given where read. */
  literalIfRead(name: Name, value: string): this {
    return this.groupLiteral(name, value);
  }

  field(name: Name, fieldPath: string): this {
    return this.set({ name, valueFrom: { fieldRef: { fieldPath } } });
  }

  /** A volume the variables point into (a mounted certificate), mounted where they say. */
  protected mount(volume: k8s.Volume, mount: k8s.VolumeMount): this {
    this.volumeList.push(volume);
    this.mountList.push(mount);
    return this;
  }

  protected groupLiteral(name: string, value: string): this {
    return this.offer({ name, value });
  }

  protected groupConfigMap(name: string, configMap: string, key: string): this {
    return this.offer({ name, valueFrom: { configMapKeyRef: { name: configMap, key } } });
  }

  protected groupSecret(name: string, secret: string, key: string, options: { optional?: boolean } = {}): this {
    return this.offer({ name, valueFrom: { secretKeyRef: { name: secret, key, ...(options.optional ? { optional: true } : {}) } } });
  }

  /** Those of the environment file's `env` values the program reads (a start step of another command's). */
  overridesRead(values: Readonly<Record<string, string>> | undefined): this {
    for (const name of Object.keys(values ?? {}).sort()) this.offer({ name, value: values![name]! });
    return this;
  }

  /** The environment file's `env` values, last, so they replace any default of the same name. */
  overrides(values: Readonly<Record<string, string>> | undefined): this {
    // Set whether or not the program reads them: validate names the ones it does not.
    for (const name of Object.keys(values ?? {}).sort()) this.set({ name, value: values![name]! });
    return this;
  }
}
