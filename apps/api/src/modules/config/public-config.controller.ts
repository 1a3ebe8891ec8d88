import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { publicConfigSchema, type PublicConfig } from '@resolutionflow/contracts';
import { Public } from '../../core/http/public.decorator.js';
import { toOpenApiSchema } from '../../core/validation/zod-validation.js';
import { PublicConfigService } from './public-config.service.js';

@ApiTags('config')
@Public()
@Controller('config')
export class PublicConfigController {
  constructor(private readonly publicConfig: PublicConfigService) {}

  @Get('public')
  @ApiOkResponse({
    description:
      'Sign-up options: whether self-serve sign-up is on, whether sign-up needs a platform invite code, and the enabled OAuth providers',
    schema: toOpenApiSchema(publicConfigSchema),
  })
  get(): PublicConfig {
    return this.publicConfig.publicConfig();
  }
}
