import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notificationPreferencesSchema, type NotificationPreferences } from '@resolutionflow/contracts';
import { CurrentPrincipal } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidBody } from '../../core/validation/zod-validation.js';
import { UsersService } from '../users/users.service.js';

/** Each person decides whether escalations also reach them by email (in-app ones always do). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('users/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    const enabled = await this.users.emailNotificationsOf(this.personOf(principal));
    if (enabled === null) throw AppError.unauthorized();
    return { emailNotifications: enabled };
  }

  @Put()
  @ApiErrors([400, 'validation_failed'], [401, 'unauthorized'], [403, 'forbidden'])
  async update(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(notificationPreferencesSchema) body: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    if (!(await this.users.setEmailNotifications(this.personOf(principal), body.emailNotifications))) throw AppError.unauthorized();
    return body;
  }

  private personOf(principal: Principal): string {
    if (principal.kind !== 'user' || !principal.userId) throw new AppError(403, 'forbidden', 'Preferences belong to people; use a user token');
    return principal.userId;
  }
}
