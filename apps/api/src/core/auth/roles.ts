import type { Role } from '@resolutionflow/contracts';

/** "Engineer or admin access required" style messages, from the allowed roles (owners implied). */
export function roleRequirementMessage(allowed: readonly Role[]): string {
  const shown = allowed.length > 1 ? allowed.filter((r) => r !== 'owner') : allowed;
  const text = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : String(shown[0]);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} access required`;
}
