/**
 * zod compiles fast parsers with `new Function` where it may, and finds out by trying: under the
 * view's CSP (no 'unsafe-eval') the try fails and is reported as a CSP violation on every load.
 * Imported first by each page's main.ts, so it is set before any schema is built.
 */
import { z } from 'zod';

z.config({ jitless: true });
