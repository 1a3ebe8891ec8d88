import { Injectable } from '@nestjs/common';
import type {
  OnboardingInviteResult,
  OnboardingState,
  OnboardingStepResult,
  onboardingStepRequestSchema,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { verificationDeadline } from '../../core/auth/access.guards.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { AccountInvitesService } from '../accounts/invites/account-invites.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { UsersService } from '../users/users.service.js';
import { AccountOnboardingRepository } from './account-onboarding.repository.js';
import { stepMove } from './onboarding-progress.js';
import { distinctInvites, parseStepAnswers, type StepAnswers } from './step-answers.js';

type StepRequest = z.output<typeof onboardingStepRequestSchema>;
type InviteAnswers = Extract<StepAnswers, { step: 2 }>['data']['invites'];

interface Applied {
  appliedToAccount: boolean;
  invites?: OnboardingInviteResult[];
}

/**
 * The welcome wizard's progress and answers. Everything a call writes happens in the request's
 * tenant transaction, after the caller's user row is locked, so a step applies at most once.
 */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly invites: AccountInvitesService,
    private readonly answers: AccountOnboardingRepository,
    private readonly tenant: TenantDatabase,
    private readonly config: AppConfig,
  ) {}

  async recordStep(actor: Principal, request: StepRequest): Promise<OnboardingStepResult> {
    const userId = personOf(actor);
    // A skipped step's answers are never read, valid or not.
    const answers = request.action === 'complete' ? parseStepAnswers(request.step, request.data) : null;
    const state = await this.lockState(userId);
    if (stepMove(state.onboardingStepCompleted, request.step) === 'repeat') return { ...state, appliedToAccount: false };

    // Progress first, then the invites (each in its savepoint): an unexpected failure of one undoes the whole step, mail included.
    await this.users.updateOnboarding(userId, {
      onboardingStepCompleted: request.step,
      ...(answers?.step === 1 ? { jobRole: answers.data.role } : {}),
    });
    const applied = answers ? await this.apply(actor, userId, answers) : { appliedToAccount: false };
    return { onboardingStepCompleted: request.step, onboardingDismissed: state.onboardingDismissed, ...applied };
  }

  /** "Skip the rest": the wizard stops showing; the steps completed so far stay as they are. */
  async dismissRest(actor: Principal): Promise<OnboardingState> {
    const userId = personOf(actor);
    const state = await this.lockState(userId);
    if (!state.onboardingDismissed) await this.users.updateOnboarding(userId, { onboardingDismissed: true });
    return { ...state, onboardingDismissed: true };
  }

  /**
   * Account-wide answers belong to owners and admins. Another member going through the wizard
   * (invitees normally never see it) records only their own progress and role.
   */
  private async apply(actor: Principal, userId: string, answers: StepAnswers): Promise<Applied> {
    const managesAccount = actor.role === 'owner' || actor.role === 'admin';
    switch (answers.step) {
      case 1:
        if (!managesAccount) return { appliedToAccount: false };
        await this.accounts.renameAccount(actor, answers.data.companyName);
        await this.answers.saveTeamSize(answers.data.teamSize, userId);
        return { appliedToAccount: true };
      case 2: {
        const blocked = this.inviteBlocker(actor);
        if (blocked) return { appliedToAccount: false, invites: distinctInvites(answers.data.invites).map((i) => notInvited(i, blocked)) };
        return { appliedToAccount: true, invites: await this.inviteEach(actor, answers.data.invites) };
      }
      case 3:
        if (!managesAccount) return { appliedToAccount: false };
        await this.answers.saveToolChoices({ psa: answers.data.psa ?? null, chat: [...new Set(answers.data.chat)] }, userId);
        return { appliedToAccount: true };
    }
  }

  /**
   * Each address through the accounts module's own invite use case, in its own savepoint: an
   * address that is already a user or already invited is reported and the others still go out.
   */
  private async inviteEach(actor: Principal, invites: InviteAnswers): Promise<OnboardingInviteResult[]> {
    const results: OnboardingInviteResult[] = [];
    for (const entry of distinctInvites(invites)) {
      try {
        const issued = await this.tenant.manager().transaction(() => this.invites.create(actor, entry));
        results.push({ email: issued.email, role: issued.role, status: 'invited', inviteId: issued.id });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        results.push(notInvited(entry, error));
      }
    }
    return results;
  }

  /**
   * Why the caller may not send invites from the wizard, if they may not: the same rules as the
   * invites endpoint (owner or admin, and a verified email once the grace period is over), so the
   * wizard is never a way around them.
   */
  private inviteBlocker(actor: Principal): AppError | null {
    if (actor.role !== 'owner' && actor.role !== 'admin') return AppError.forbidden('Only owners and admins can invite teammates');
    const deadline = verificationDeadline(actor.createdAt, this.config.env.EMAIL_VERIFICATION_GRACE_HOURS);
    if (!actor.emailVerified && Date.now() >= deadline.getTime()) {
      return new AppError(403, 'email_verification_required', 'Verify your email address before inviting teammates');
    }
    return null;
  }

  private async lockState(userId: string): Promise<OnboardingState> {
    const state = await this.users.lockOnboardingState(userId);
    if (!state) throw AppError.unauthorized();
    return { onboardingStepCompleted: state.onboardingStepCompleted, onboardingDismissed: state.onboardingDismissed };
  }
}

function notInvited(entry: InviteAnswers[number], error: AppError): OnboardingInviteResult {
  return { email: entry.email, role: entry.role, status: 'failed', error: error.code, message: error.message };
}

/** Onboarding is a person's progress: an API key acts for the account and has none. */
function personOf(actor: Principal): string {
  if (actor.kind !== 'user' || !actor.userId) {
    throw AppError.forbidden('API keys act for an account, not a person; onboarding needs a user token');
  }
  return actor.userId;
}
