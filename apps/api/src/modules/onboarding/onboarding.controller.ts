import { Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  onboardingStateSchema,
  onboardingStepRequestSchema,
  onboardingStepResultSchema,
  type OnboardingState,
  type OnboardingStepResult,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { AllowUnverifiedEmail, CurrentPrincipal } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { OnboardingService } from './onboarding.service.js';

/**
 * The welcome wizard. Open before email verification and whatever the subscription state, so a
 * new or lapsed customer can always finish setting up (no subscription guard here on purpose).
 */
@ApiTags('onboarding')
@ApiBearerAuth()
@AllowUnverifiedEmail()
@Controller('users/me')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Patch('onboarding-step')
  @ApiOkResponse({
    description:
      'The onboarding state after the step. Steps complete in order (1 "Your shop", 2 "Invite your team", ' +
      '3 "Connect your tools"); re-sending the last completed step changes nothing. `data` is validated on ' +
      '`complete` against the step\'s schema and ignored on `skip`. Account-wide answers are saved for owners ' +
      'and admins only (`appliedToAccount`); step 2 reports each address.',
    schema: toOpenApiSchema(onboardingStepResultSchema),
  })
  @ApiErrors(
    [400, 'validation_failed'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [409, 'onboarding_step_cannot_decrease'],
    [409, 'onboarding_step_out_of_order'],
  )
  recordStep(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(onboardingStepRequestSchema) body: z.output<typeof onboardingStepRequestSchema>,
  ): Promise<OnboardingStepResult> {
    return this.onboarding.recordStep(principal, body);
  }

  @Post('onboarding-dismiss-rest')
  @HttpCode(200)
  @ApiOkResponse({ description: '"Skip the rest": the wizard is dismissed; calling again changes nothing', schema: toOpenApiSchema(onboardingStateSchema) })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  dismissRest(@CurrentPrincipal() principal: Principal): Promise<OnboardingState> {
    return this.onboarding.dismissRest(principal);
  }
}
