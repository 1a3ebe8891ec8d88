import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountOnboardingRepository } from './account-onboarding.repository.js';
import { OnboardingController } from './onboarding.controller.js';
import { OnboardingService } from './onboarding.service.js';

/** The welcome wizard: a person's progress and the account's first answers. */
@Module({
  imports: [UsersModule, AccountsModule],
  controllers: [OnboardingController],
  providers: [AccountOnboardingRepository, OnboardingService],
})
export class OnboardingModule {}
