/**
 * The SDK's own logger, routed through the secret scrubber. With `ANTHROPIC_LOG=debug` the SDK logs
 * request and response details — its headers masked, but error bodies as the server sent them,
 * which a gateway may have filled with the key. Every line is turned into text, scrubbed, and only
 * then given to the sink Nova chose.
 */
import type { ClientOptions } from '@anthropic-ai/sdk';
import { scrubSecrets } from '../../secretScrub';

type SdkLogger = NonNullable<ClientOptions['logger']>;

/** The SDK's log levels, from `ANTHROPIC_LOG` or the `logLevel` option. */
export type ModelLogLevel = NonNullable<ClientOptions['logLevel']>;

/** Where scrubbed SDK log lines go. */
export type ModelLogSink = (level: Exclude<ModelLogLevel, 'off'>, line: string) => void;

/**
 * The console's method of the same level, as the SDK would have logged. In the language server the
 * console is the connection's (`window/logMessage`); in the CLI it is the terminal.
 */
export const consoleLogSink: ModelLogSink = (level, line) => console[level](line);

/** An SDK logger whose every line is scrubbed of secrets before it reaches `sink`. */
export function scrubbingLogger(sink: ModelLogSink): SdkLogger {
  const at = (level: Exclude<ModelLogLevel, 'off'>) => (message: string, ...rest: unknown[]) => {
    sink(level, scrubSecrets([message, ...rest.map(logText)].join(' ')));
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** One logged value as text: strings as they are, errors by name and message, the rest as JSON. */
function logText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}${value.cause === undefined ? '' : ` (cause: ${logText(value.cause)})`}`;
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_key, item: unknown) => {
      if (item instanceof Headers) return Object.fromEntries(item);
      if (item instanceof Error) return logText(item);
      if (typeof item === 'bigint') return item.toString();
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[circular]';
        seen.add(item);
      }
      return item;
    }) ?? String(value);
  } catch {
    return String(value);
  }
}
