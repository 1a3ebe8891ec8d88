import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rf:isPublic';

/** Marks a route (or controller) as reachable without authentication. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
