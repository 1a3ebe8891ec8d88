import { Injectable, Logger } from '@nestjs/common';
import type { CursorQuery, InviteCode, Page } from '@resolutionflow/contracts';
import { decodeCursor, mapPage } from '../../../core/database/keyset-page.js';
import { AppError } from '../../../core/errors/app-error.js';
import { mapInviteCode } from './invite-code.mapper.js';
import { PlatformInviteCodesRepository } from './platform-invite-codes.repository.js';
import { readableInviteCode } from './readable-code.js';

export interface NewInviteCode {
  code?: string;
  note?: string;
  maxUses: number;
  expiresAt?: string;
}

/** Platform invite codes, which gate sign-up when REQUIRE_INVITE_CODE is on; managed by super-admins and the ops CLI. */
@Injectable()
export class PlatformInviteCodesService {
  private readonly logger = new Logger(PlatformInviteCodesService.name);

  constructor(private readonly codes: PlatformInviteCodesRepository) {}

  /** `createdBy` is null when the ops CLI creates the code. */
  async create(input: NewInviteCode, createdBy: string | null): Promise<InviteCode> {
    const created = await this.codes
      .create({
        code: input.code ?? readableInviteCode(),
        note: input.note || null,
        maxUses: input.maxUses,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        createdBy,
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') {
          throw new AppError(409, 'invite_code_exists', 'This invite code already exists; choose another');
        }
        throw error;
      });
    this.logger.log({ inviteCodeId: created.id, createdBy, maxUses: created.maxUses }, 'Platform invite code created');
    return mapInviteCode(created);
  }

  async list(query: CursorQuery): Promise<Page<InviteCode>> {
    return mapPage(await this.codes.page(query.limit, decodeCursor(query.cursor)), mapInviteCode);
  }

  /** Stops the code for future sign-ups; those already made with it stand. */
  async revoke(id: string, revokedBy: string | null): Promise<void> {
    if (!(await this.codes.revoke(id))) throw AppError.notFound('Invite code');
    this.logger.log({ inviteCodeId: id, revokedBy }, 'Platform invite code revoked');
  }
}
