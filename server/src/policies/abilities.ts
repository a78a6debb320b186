import type { Abilities } from '../../../contracts/auth.ts';
import type { Actor } from './actor.ts';
import { whyNotViewAudit } from './audit-policy.ts';
import { whyNotManageCampaigns, whyNotViewCampaigns } from './campaign-policy.ts';
import { whyNotUseFormCheck } from './form-check-policy.ts';
import { whyNotViewMailLog } from './notification-policy.ts';
import { whyNotCreateSubmission, whyNotManageRecommendations, whyNotSignOffSubmissions } from './submission-policy.ts';
import { whyNotViewCoverage } from './coverage-policy.ts';
import { whyNotListStudents, whyNotManageRoster } from './student-policy.ts';
import { whyNotListHomeVisits } from './home-visit-policy.ts';
import { whyNotListIdentifications, whyNotManageLevels, whyNotViewNotices } from './identification-policy.ts';
import { whyNotViewRegistries } from './registry-policy.ts';
import { whyNotUseStatistics } from './statistics-policy.ts';
import { whyNotManageReviews } from './review-assignment-policy.ts';
import { whyNotDecide, whyNotViewUnitResults } from './decision-policy.ts';
import { whyNotManageUnits } from './unit-policy.ts';
import { whyNotListUsers } from './user-policy.ts';
import { whyNotUseRankings, whyNotUseReviewerWorkspace } from './review-policy.ts';

/** App-wide abilities of the current user; the web menu is built from these alone. */
export function abilitiesOf(actor: Actor): Abilities {
  return {
    manageUsers: whyNotListUsers(actor) === null,
    manageUnits: whyNotManageUnits(actor) === null,
    viewAudit: whyNotViewAudit(actor) === null,
    viewCampaigns: whyNotViewCampaigns(actor) === null,
    manageCampaigns: whyNotManageCampaigns(actor) === null,
    viewMailLog: whyNotViewMailLog(actor) === null,
    formCheck: whyNotUseFormCheck(actor) === null,
    draftSubmissions: whyNotCreateSubmission(actor) === null,
    manageRecommendations: whyNotManageRecommendations(actor) === null,
    signOffSubmissions: whyNotSignOffSubmissions(actor) === null,
    viewStudents: whyNotListStudents(actor) === null,
    manageRoster: whyNotManageRoster(actor) === null,
    viewCoverage: whyNotViewCoverage(actor) === null,
    homeVisits: whyNotListHomeVisits(actor) === null,
    identifications: whyNotListIdentifications(actor) === null,
    viewNotices: whyNotViewNotices(actor) === null,
    manageIdentificationLevels: whyNotManageLevels(actor) === null,
    viewRegistries: whyNotViewRegistries(actor) === null,
    statistics: whyNotUseStatistics(actor) === null,
    manageReviews: whyNotManageReviews(actor) === null,
    reviewCases: whyNotUseReviewerWorkspace(actor) === null,
    viewRankings: whyNotUseRankings(actor) === null,
    decideReviews: whyNotDecide(actor) === null,
    viewReviewResults: whyNotViewUnitResults(actor) === null,
  };
}
