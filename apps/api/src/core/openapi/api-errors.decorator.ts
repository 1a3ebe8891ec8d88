import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * Documents the error answers of a route: `ApiErrors([409, 'handoff_already_claimed'], …)`.
 * Codes sharing a status are listed together; each points at the one error envelope schema.
 */
export function ApiErrors(...errors: [status: number, code: string][]) {
  const byStatus = new Map<number, string[]>();
  for (const [status, code] of errors) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, codes]) =>
      ApiResponse({
        status,
        description: codes.map((c) => `\`${c}\``).join(', '),
        schema: { $ref: '#/components/schemas/ErrorEnvelope' },
      }),
    ),
  );
}
