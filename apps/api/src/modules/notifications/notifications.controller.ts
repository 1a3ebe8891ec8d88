import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  cursorQuerySchema,
  idParamsSchema,
  type CursorQuery,
  type Notification,
  type NotificationPage,
  type UnreadCount,
} from '@resolutionflow/contracts';
import { CurrentPrincipal } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { ValidQuery } from '../../core/validation/zod-validation.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ description: 'My notifications, unread first, with the unread count' })
  @ApiErrors([400, 'validation_failed'], [401, 'unauthorized'], [403, 'forbidden'])
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<NotificationPage> {
    return this.notifications.list(principal, query.limit, query.cursor);
  }

  @Get('unread-count')
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  async unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCount> {
    return { unreadCount: await this.notifications.unreadCount(principal) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  async markAllRead(@CurrentPrincipal() principal: Principal): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(principal) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiErrors([400, 'validation_failed'], [401, 'unauthorized'], [404, 'not_found'])
  markRead(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) params: { id: string }): Promise<Notification> {
    return this.notifications.markRead(principal, params.id);
  }
}
