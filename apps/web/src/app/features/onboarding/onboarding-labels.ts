import type { OnboardingRole, TeamSize } from '@resolutionflow/contracts';

export const TEAM_SIZE_LABELS: Readonly<Record<TeamSize, string>> = {
  '1-2': '1–2 people',
  '3-5': '3–5 people',
  '6-10': '6–10 people',
  '11-25': '11–25 people',
  '26+': '26 or more',
};

export const ONBOARDING_ROLE_LABELS: Readonly<Record<OnboardingRole, string>> = {
  owner: 'Owner',
  lead_tech: 'Lead Tech',
  tech: 'Tech',
  other: 'Other',
};
