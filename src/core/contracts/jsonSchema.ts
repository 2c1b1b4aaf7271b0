import { z } from 'zod';
import type { ContractDefinition } from './index';

/** A JSON Schema object, as model tool definitions carry it. */
export type JsonSchema = Record<string, unknown>;

const cache = new Map<string, JsonSchema>();

/**
 * The contract as the JSON Schema of a model tool's input. Uses the input side of the schema, so
 * fields with defaults are optional to the model (zod fills them in when validating).
 */
export function contractJsonSchema(contract: ContractDefinition): JsonSchema {
  let schema = cache.get(contract.name);
  if (!schema) {
    const { $schema: _schema, ...rest } = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    schema = rest;
    cache.set(contract.name, schema);
  }
  return schema;
}

/** The name of the tool through which an agent submits this contract as its result. */
export function submitToolName(contractName: string): string {
  return `submit_${contractName}`;
}
