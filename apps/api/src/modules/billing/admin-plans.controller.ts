import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { adminPlanParamsSchema, adminPlanSchema, adminPlansSchema, updateAdminPlanRequestSchema, type AdminPlan } from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, SuperAdminOnly } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { PlansAdminService } from './plans-admin.service.js';

const SUPER_ADMIN_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];

@ApiTags('admin')
@ApiBearerAuth()
@SuperAdminOnly()
@Controller('admin/plan-limits')
export class AdminPlansController {
  constructor(private readonly plans: PlansAdminService) {}

  @Get()
  @ApiOkResponse({ description: 'Every plan: limits merged with billing data (null billing fields when the plan has none)', schema: toOpenApiSchema(adminPlansSchema) })
  @ApiErrors(...SUPER_ADMIN_ERRORS)
  async list(): Promise<z.output<typeof adminPlansSchema>> {
    return { items: await this.plans.list() };
  }

  @Put(':plan')
  @ApiOkResponse({ description: 'The plan as stored; cached entitlements of its accounts are dropped on every API process', schema: toOpenApiSchema(adminPlanSchema) })
  @ApiErrors([400, 'validation_failed'], ...SUPER_ADMIN_ERRORS, [404, 'unknown_plan'], [409, 'stripe_price_in_use'])
  update(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(adminPlanParamsSchema) { plan }: z.output<typeof adminPlanParamsSchema>,
    @ValidBody(updateAdminPlanRequestSchema) body: z.output<typeof updateAdminPlanRequestSchema>,
  ): Promise<AdminPlan> {
    return this.plans.update(principal, plan, body);
  }
}
