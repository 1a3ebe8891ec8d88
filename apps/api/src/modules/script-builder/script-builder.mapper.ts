import type { ScriptBuilderSession } from '@resolutionflow/contracts';
import type { ScriptBuilderSessionEntity } from './script-builder-session.entity.js';

export function mapScriptBuilderSession(session: ScriptBuilderSessionEntity): ScriptBuilderSession {
  return {
    id: session.id,
    origin: session.origin,
    aiSessionId: session.aiSessionId,
    ownerId: session.ownerId,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}
