/**
 * The first half of writing generated/: each environment rendered, its files compared with
 * generated/'s and the changed ones written into a staging folder beside them, then let go. Two
 * threads may stage environments into the same folder (./helper-thread.ts); ./write.ts moves what
 * they staged into place once all have finished.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { isMachineFailure, reasonOf, shownPath } from '../system-error.js';
import { diffFiles, filesOf, readGenerated } from './files.js';
import { countObjects, type RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';

/** What was staged: files to move into place, files to remove, how many were compared, and each environment's size. */
export interface Staged {
  readonly toWrite: string[];
  readonly extra: string[];
  total: number;
  readonly rendered: { readonly name: string; readonly objects: number; readonly applications: number }[];
}

export class Stager {
  readonly generated: string;
  readonly staged: Staged = { toWrite: [], extra: [], total: 0, rendered: [] };

  constructor(
    readonly cwd: string,
    readonly staging: string,
  ) {
    this.generated = path.join(cwd, GENERATED_DIR);
  }

  /** The machine's failures as a UserError naming the file of generated/ (the one a staged file was for). */
  explain(verb: string): (error: unknown) => unknown {
    return (error) => {
      if (!isMachineFailure(error)) return error;
      const file = error.dest ?? error.path ?? this.generated;
      const inGenerated = file.startsWith(this.staging) ? this.generated + file.slice(this.staging.length) : file;
      return new UserError(`${shownPath(inGenerated, this.cwd)}: cannot ${verb} (${reasonOf(error, this.cwd)})`);
    };
  }

  stageEnvironment(env: RenderedEnvironment): void {
    this.staged.rendered.push({
      name: env.name,
      objects: countObjects(env),
      applications: env.applications.length,
    });
    this.stage(env.name, filesOf(env));
  }

  /** Compares one folder of generated/ with what it should hold and stages the files that differ. */
  stage(folder: string, expected: ReadonlyMap<string, string>): void {
    const changes = attempt(this.explain('read'), () => diffFiles(expected, readGenerated(this.generated, [folder])));
    this.staged.total += expected.size;
    this.staged.extra.push(...changes.extra);
    attempt(this.explain('write'), () => {
      for (const file of [...changes.changed, ...changes.missing]) {
        // Made on its own first, so that a generated/ that cannot be written is named as such.
        mkdirSync(this.staging, { recursive: true });
        mkdirSync(path.dirname(path.join(this.staging, file)), { recursive: true });
        writeFileSync(path.join(this.staging, file), expected.get(file)!);
        this.staged.toWrite.push(file);
      }
    });
  }
}

/** Runs `work`, throwing what `explain` makes of its error. */
export function attempt<T>(explain: (error: unknown) => unknown, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw explain(error);
  }
}
