import type { Role } from '@resolutionflow/contracts';

/** Who is calling: a signed-in user or an account API key. Resolved once per request by the auth guard. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user, or the user who created the API key (null if that user is gone). */
  userId: string | null;
  apiKeyId: string | null;
  accountId: string;
  role: Role;
  superAdmin: boolean;
  emailVerified: boolean;
  createdAt: Date;
  name: string;
  email: string | null;
}

/** Fastify request augmented with the resolved principal. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
