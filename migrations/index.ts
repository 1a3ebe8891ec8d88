import { AnalyticsIndexes1764250000000 } from './1764250000000-analytics-indexes.js';
import { Foundation1764150000000 } from './1764150000000-foundation.js';
import { Identity1764160000000 } from './1764160000000-identity.js';
import { Handoffs1764240000000 } from './1764240000000-handoffs.js';
import { HandoffClosing1764260000000 } from './1764260000000-handoff-closing.js';
import { InviteesSkipWizard1764280000000 } from './1764280000000-invitees-skip-wizard.js';
import { Jobs1764170000000 } from './1764170000000-jobs.js';
import { Billing1764180000000 } from './1764180000000-billing.js';
import { OnboardingSalesLeads1764190000000 } from './1764190000000-onboarding-sales-leads.js';
import { Sessions1764200000000 } from './1764200000000-sessions.js';
import { Psa1764210000000 } from './1764210000000-psa.js';
import { Notifications1764230000000 } from './1764230000000-notifications.js';
import { Outbox1764220000000 } from './1764220000000-outbox.js';
import { StripeWebhookOrdering1764270000000 } from './1764270000000-stripe-webhook-ordering.js';
import { MonthlySessionsIndex1764290000000 } from './1764290000000-monthly-sessions-index.js';

/** Every migration, oldest first. A new migration is a new file, listed here; landed files are never edited. */
export const MIGRATIONS: Function[] = [Foundation1764150000000, Identity1764160000000, Jobs1764170000000, Billing1764180000000, OnboardingSalesLeads1764190000000, Sessions1764200000000, Psa1764210000000, Outbox1764220000000, Notifications1764230000000, Handoffs1764240000000, AnalyticsIndexes1764250000000, HandoffClosing1764260000000, StripeWebhookOrdering1764270000000, InviteesSkipWizard1764280000000, MonthlySessionsIndex1764290000000];
