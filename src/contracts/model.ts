/**
 * What an image's program reads, as data: one contract per image (the platform's: components/contracts/images/ for Thoth), written
 * from the upstream source at the tag the manifests run, or, for the programs of this repository,
 * the declaration their settings parser, their `--help` and their construct all read. `validate`
 * checks every container against the contract of its image (src/validate/contracts.ts).
 *
 * A source is `owner/repository@tag:path#Lline`: where the fact was read, so a reviewer can open it.
 */
import type { MessageType } from '../messages/catalogue.js';

/** How a program turns a variable's text into a value; a value outside the form is a finding. */
export type Form =
  | { readonly type: 'text' }
  /** A switch: the exact texts the program takes for on and off; any other text is misread or fatal. */
  | {
      readonly type: 'flag';
      readonly on: readonly string[];
      readonly off: readonly string[];
      readonly otherwise: 'off' | 'error';
      readonly caseInsensitive?: boolean;
    }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'number'; readonly min?: number; readonly above?: number }
  | { readonly type: 'url'; readonly schemes?: readonly string[] }
  /** A file or directory; one the program writes must be on a writable volume. */
  | { readonly type: 'path'; readonly access: 'read' | 'write' }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly caseInsensitive?: boolean }
  | { readonly type: 'json'; readonly shape: 'object' | 'array' | 'any' }
  | { readonly type: 'list'; readonly separator: string; readonly item?: Form }
  /** A text the program matches against a pattern (host:port, a cron line, a quantity, ...). */
  | { readonly type: 'pattern'; readonly regex: string; readonly description: string };

export interface Variable {
  readonly form: Form;
  /** The program stops (or does nothing useful) without it. @default false */
  readonly required?: boolean;
  /** The program's own default, as the text it stands for. */
  readonly default?: string;
  readonly description: string;
  /** Where the program reads it. */
  readonly source: string;
}

export type Variables = Readonly<Record<string, Variable>>;

/** A family of variables read by prefix (`THOTH_LOG_<logger>`). */
export interface VariablePattern {
  readonly prefix: string;
  readonly form: Form;
  readonly description: string;
  readonly source: string;
}

/** Access to the Kubernetes API the program needs: the API group must be served by the cluster. */
export interface ApiAccess {
  /** `""` for the core group. */
  readonly group: string;
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly source: string;
}

/**
 * A fixed path the program writes to; on a read-only root file system it needs a writable volume. A
 * relative path is relative to the directory the program runs in.
 */
export interface WrittenPath {
  readonly path: string;
  readonly source: string;
}

/** What one mode of a program reads besides what every mode reads. */
export interface Mode {
  readonly description: string;
  readonly variables?: Variables;
  readonly patterns?: readonly VariablePattern[];
  readonly api?: readonly ApiAccess[];
  readonly writes?: readonly WrittenPath[];
  /** Modes within this mode (a consumer mode within the consume command). */
  readonly modes?: Modes;
  /** Faults of this mode only. */
  readonly limitations?: readonly Limitation[];
  readonly source: string;
}

/**
 * Programs that dispatch on a variable (`THOTH_WORKFLOW_TASK`) or on their first argument (a
 * subcommand) read different things per mode.
 */
export interface Modes {
  readonly selector: { readonly variable: string } | { readonly argument: number };
  /** The mode taken when the selector is unset; without it, an unset selector is a finding. */
  readonly default?: string;
  /** How the program turns the selector's text into a mode's key, when it is not the text itself. */
  readonly classify?: (value: string) => string | undefined;
  /** What the program does with a value that names no mode. */
  readonly otherwise: string;
  readonly variants: Readonly<Record<string, Mode>>;
  readonly source: string;
}

/** Command-line flags (`--name value`, `--name=value`, or a bare switch). */
export interface Flag {
  /** A switch takes no value. */
  readonly form: Form | 'switch';
  readonly required?: boolean;
  readonly description: string;
  readonly source: string;
}

export interface Arguments {
  readonly flags: Readonly<Record<string, Flag>>;
  /** Whether an unknown flag stops the program (most flag parsers) or is ignored. */
  readonly unknownFlags: 'error' | 'ignored';
  /** Flags written with one dash (`-config.file`), as Go's flag package and kingpin accept. */
  readonly singleDash?: boolean;
}

export interface Limitation {
  readonly rule: 'contract/api-group' | 'contract/image';
  readonly message: string;
  readonly source: string;
  /** A command that runs the program around the fault; a container running it is not affected. */
  readonly avoidedBy?: readonly string[];
}

export interface ImageContract {
  /** The image's repository without the registry host; `*` stands for any text (a family of images). */
  readonly repository: string;
  /** The tags the facts were read at: a list, `any` (built per run), or `built-here` (a content tag of src/images). */
  readonly tags: readonly string[] | 'any' | 'built-here';
  /** The upstream repository and tag read, or this repository's module. */
  readonly source: string;
  readonly summary: string;
  /** The image's own entry point, and the commands a container may run instead. */
  readonly entrypoint: {
    readonly command: readonly string[];
    readonly alternatives?: readonly (readonly string[])[];
    /**
     * The directory the program runs in: the image's WORKDIR, or where its entry point changes to
     * (then a container's `workingDir` only counts when it runs an alternative command).
     * @default "/"
     */
    readonly workingDir?: string;
    readonly source: string;
  };
  readonly variables: Variables;
  readonly patterns?: readonly VariablePattern[];
  readonly modes?: Modes;
  readonly arguments?: Arguments;
  readonly api?: readonly ApiAccess[];
  readonly writes?: readonly WrittenPath[];
  /**
   * Limits of the image a manifest cannot fix (an OpenShift-only API, a user it must run as): each is a
   * finding until the image is replaced, waived with a reason where the step is not run.
   */
  readonly limitations?: readonly Limitation[];
  /**
   * The Kafka message types the program reads or writes, from its container's environment (`read`
   * gives a variable's value, a ConfigMap's included) and arguments (its command): validate checks
   * that their topics exist. It throws what the program would refuse at start.
   */
  readonly topics?: (read: (name: string) => string | undefined, args: readonly string[]) => readonly MessageType[];
}

// Forms, spelled as the upstream idioms that produce them.

export const text = () => ({ type: 'text' }) as const satisfies Form;
export const integer = (bounds: { min?: number; max?: number } = {}) => ({ type: 'integer', ...bounds }) as const satisfies Form;
export const number = (bounds: { min?: number; above?: number } = {}) => ({ type: 'number', ...bounds }) as const satisfies Form;
export const url = (...schemes: string[]) => ({ type: 'url', ...(schemes.length === 0 ? {} : { schemes }) }) as const satisfies Form;
export const readPath = () => ({ type: 'path', access: 'read' }) as const satisfies Form;
export const writePath = () => ({ type: 'path', access: 'write' }) as const satisfies Form;
export const oneOf = <const V extends readonly string[]>(values: V, options: { caseInsensitive?: boolean } = {}) =>
  ({ type: 'enum', values, ...options }) as const satisfies Form;
export const json = (shape: 'object' | 'array' | 'any' = 'any') => ({ type: 'json', shape }) as const satisfies Form;
export const list = (separator: string, item?: Form) => ({ type: 'list', separator, ...(item === undefined ? {} : { item }) }) as const satisfies Form;
export const pattern = (regex: string, description: string) => ({ type: 'pattern', regex, description }) as const satisfies Form;

/** `bool(int(os.getenv(NAME, 0)))`: any integer; other text raises ValueError. */
export const pythonIntFlag = () => ({ type: 'flag', on: ['1'], off: ['0'], otherwise: 'error' }) as const satisfies Form;
/** `os.getenv(NAME) == "1"` (or `in ("1", ...)`): the listed texts are on, everything else is off. */
export const equalsFlag = (...on: string[]) => ({ type: 'flag', on, off: ['0', ''], otherwise: 'off' }) as const satisfies Form;
/** click's BOOL and distutils' strtobool: 1/0, true/false, yes/no, y/n, t/f, on/off, any case. */
export const clickFlag = () =>
  ({
    type: 'flag',
    on: ['1', 'true', 'yes', 'y', 't', 'on'],
    off: ['0', 'false', 'no', 'n', 'f', 'off', ''],
    otherwise: 'error',
    caseInsensitive: true,
  }) as const satisfies Form;
/** This repository's programs: 1/true/yes/on or 0/false/no/off, any case; anything else stops them. */
export const strictFlag = () =>
  ({ type: 'flag', on: ['1', 'true', 'yes', 'on'], off: ['0', 'false', 'no', 'off'], otherwise: 'error', caseInsensitive: true }) as const satisfies Form;
/** Python's logging level names, as `logging.getLevelName`/`setLevel` take them. */
export const logLevel = () => oneOf(['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'NOTSET']);

/** A contract, checked by the compiler and kept literal so constructs can be typed by its names. */
export const defineContract = <const Contract extends ImageContract>(contract: Contract): Contract => contract;

/** Every mode of a set, its modes' own included. */
export const everyMode = (modes: Modes): Mode[] =>
  Object.values(modes.variants).flatMap((mode) => [mode, ...(mode.modes === undefined ? [] : everyMode(mode.modes))]);
