/** The improve loop's gates, in the order they run (`gateNames`): type-check, tests, review, evals. */
import type { Gate } from '../gate';
import { evalsGate } from './evals';
import { reviewGate } from './review';
import { testsGate } from './tests';
import { typecheckGate } from './typecheck';

export const defaultGates: readonly Gate[] = [typecheckGate, testsGate, reviewGate, evalsGate];
