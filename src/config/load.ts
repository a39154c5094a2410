import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { EdgeforgeError } from '../errors.js';
import { configSchema, type PipelineConfig } from './schema.js';
import { describeIssue } from './issues.js';

/** The schema of the object at `path`, unwrapping defaults and optionals; its field names. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType = configSchema;
  for (const part of [...path, undefined]) {
    for (;;) {
      const def = node._zod.def as { type: string; innerType?: z.core.$ZodType; element?: z.core.$ZodType };
      if (def.innerType) node = def.innerType;
      else break;
    }
    if (part === undefined) break;
    const def = node._zod.def as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
    };
    const next = typeof part === 'number' ? def.element : def.shape?.[String(part)];
    if (!next) return [];
    node = next;
  }
  const shape = (node._zod.def as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Validate a parsed config object; `file` names the source in errors. */
export function validateConfig(raw: unknown, file: string): PipelineConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new EdgeforgeError(`${describeIssue(first!, allowedKeysAt)}${more}`, {
    file,
    fix: 'Correct the config (edgeforge init writes a commented example)',
  });
}

/** File paths in the config are relative to the config file's folder. */
function resolvePaths(config: PipelineConfig, baseDir: string): PipelineConfig {
  const at = (path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...config,
    output: at(config.output ?? `runs/${config.name}`),
    data: { ...config.data, file: at(config.data.file) },
  };
}

export async function loadConfig(file: string): Promise<PipelineConfig> {
  const info = await stat(file).catch(() => undefined);
  if (!info)
    throw new EdgeforgeError('config file not found', {
      file,
      fix: 'Check the path, or create one with edgeforge init',
    });
  if (info.isDirectory())
    throw new EdgeforgeError('is a folder, not a config file', { file, fix: 'Name the YAML file inside it' });
  const text = await readFile(file, 'utf8');
  const document = parseDocument(text, { prettyErrors: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0];
    throw new EdgeforgeError(
      `not valid YAML: ${yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        file,
        place: line ? `line ${line.line}, column ${line.col}` : undefined,
        fix: 'Fix the YAML syntax there',
      },
    );
  }
  const raw: unknown = document.toJS() ?? {};
  return resolvePaths(validateConfig(raw, file), dirname(resolve(file)));
}
