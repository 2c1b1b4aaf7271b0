/** What a run may spend: the governor's limits for the whole run. Schema only, so webviews can check it. */
import { z } from 'zod';

export const RunBudget = z.strictObject({ maxSteps: z.number(), maxTokens: z.number(), maxUsd: z.number() });
export type RunBudget = z.infer<typeof RunBudget>;
