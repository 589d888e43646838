/** Command-line parsing: a command path, `--flag value` / `--flag=value` options, positionals. */
import { ConfigError } from '../errors.ts';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['analyze', 'help', 'version', 'keep-scratch', 'stats', 'no-progress']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
      else {
        const v = argv[i + 1];
        if (v === undefined) throw new ConfigError('INVALID_ARGUMENTS', `Option --${name} needs a value`);
        flags.set(name, v);
        i++;
      }
    } else if (a === '-h') flags.set('help', true);
    else positionals.push(a);
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new ConfigError('INVALID_ARGUMENTS', `Option --${name} needs a value`);
  return v;
}

export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError('INVALID_ARGUMENTS', `Option --${name} must be an integer from ${min} to ${max} (got '${v}')`);
  }
  return n;
}

export function numberFlag(args: ParsedArgs, name: string, min: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new ConfigError('INVALID_ARGUMENTS', `Option --${name} must be a number ≥ ${min} (got '${v}')`);
  return n;
}

export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) {
    throw new ConfigError('INVALID_ARGUMENTS', `Option --${name} must be one of ${choices.join(', ')} (got '${v}')`);
  }
  return v as T;
}

/** Reject options a command does not know (a typo should not be silently ignored). */
export function checkFlags(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of args.flags.keys()) {
    if (!allowed.includes(name)) throw new ConfigError('INVALID_ARGUMENTS', `Unknown option --${name}`);
  }
}
