/**
 * The official SARIF 2.1.0 JSON schema (test/fixtures/sarif, see its README) compiled with ajv, so
 * tests check a log the way SARIF consumers' validators do. Formats (uri, date-time) are not
 * checked: ajv-formats is not installed; tests check the URIs they care about themselves.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../tools/paths';

export const sarifSchemaFile = path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** Validates a SARIF log; the errors as `instancePath message` lines (none when valid). */
export function sarifErrors(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaFile, 'utf8')) as object);
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
