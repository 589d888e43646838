/**
 * The house rules of ARCHITECTURE.md and STYLE.md, checked on the source: layers import one
 * way (types ← sql ← plan ← exec ← formats/storage/catalog ← runtime ← functions and cli),
 * only src/storage and src/runtime talk to AWS SDK clients, and functions/* hold no engine
 * logic (each is a handler over one runtime step).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What each top-level directory of src/ may import from the others. */
const ALLOWED: Record<string, readonly string[]> = {
  'errors.ts': [],
  util: [],
  types: ['errors.ts'],
  sql: ['errors.ts', 'types'],
  builtins: ['errors.ts', 'types', 'util'],
  plan: ['errors.ts', 'types', 'sql', 'builtins', 'util'],
  exec: ['errors.ts', 'types', 'plan', 'builtins', 'util'],
  storage: ['errors.ts', 'types', 'util'],
  config: ['errors.ts'],
  formats: ['errors.ts', 'types', 'storage', 'util'],
  catalog: ['errors.ts', 'types', 'plan', 'exec', 'builtins', 'formats', 'storage', 'config', 'util'],
  gen: ['errors.ts', 'types', 'formats', 'storage', 'util'],
  runtime: ['errors.ts', 'types', 'sql', 'plan', 'exec', 'builtins', 'formats', 'storage', 'catalog', 'config', 'util'],
  cli: ['errors.ts', 'types', 'sql', 'plan', 'exec', 'builtins', 'formats', 'storage', 'catalog', 'config', 'gen', 'runtime', 'util'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g), ...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]!);
}

/** The top-level entry of src/ a path lies in (a directory, or errors.ts). */
function areaOf(absolute: string): string | null {
  const rel = path.relative(path.join(root, 'src'), absolute);
  if (rel.startsWith('..')) return null;
  return rel.split(path.sep)[0]!;
}

describe('architecture', () => {
  const files = sourceFiles(path.join(root, 'src'));

  it('layers import one way', () => {
    const violations: string[] = [];
    for (const file of files) {
      const area = areaOf(file)!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = areaOf(path.resolve(path.dirname(file), spec));
        if (target === null) {
          // Outside src/: only the runtime reads the deploy artifacts it shares with AWS.
          if (area !== 'runtime' || !/(state-machines|functions)\//.test(spec)) violations.push(`${path.relative(root, file)} → ${spec}`);
          continue;
        }
        if (target === area) continue;
        if (!(ALLOWED[area] ?? []).includes(target)) violations.push(`${path.relative(root, file)} (${area}) → ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only src/storage and src/runtime import AWS SDK clients', () => {
    const users = files.filter((f) => importsOf(f).some((s) => s.startsWith('@aws-sdk/'))).map((f) => areaOf(f));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((a) => a === 'storage' || a === 'runtime')).toBe(true);
  });

  it('functions/* are thin handlers over one runtime step', () => {
    for (const fn of ['plan', 'scan', 'merge']) {
      const file = path.join(root, 'functions', fn, 'index.ts');
      const imports = importsOf(file);
      expect(imports.sort()).toEqual([`../../src/runtime/lambda/${fn}Step.ts`, '../../src/runtime/lambda/squallHandler.ts'].sort());
      expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(6);
    }
    for (const fn of ['api', 'report']) {
      const file = path.join(root, 'functions', fn, 'index.ts');
      expect(importsOf(file)).toEqual([`../../src/runtime/lambda/${fn}Function.ts`]);
      expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(6);
    }
  });
});
