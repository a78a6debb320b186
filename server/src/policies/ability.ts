import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { Ability } from '../../../contracts/submissions.ts';

/** A whyNot* answer as the web sees it: allowed, or the reason to show beside the disabled control. */
export const ability = (whyNot: ReasonCode | null): Ability => ({ allowed: whyNot === null, whyNot });
