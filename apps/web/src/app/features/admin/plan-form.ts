import type { AdminPlan, UpdateAdminPlanRequest } from '@resolutionflow/contracts';

/** The plan editor's fields as typed: numbers may be blank (null), prices are in currency units. */
export interface PlanFormValue {
  seats: number | null;
  monthlySessions: number | null;
  standaloneScriptSessions: number | null;
  proFeatures: boolean;
  displayName: string;
  price: number | null;
  currency: string;
  interval: 'month' | 'year';
  stripeProductId: string;
  stripePriceId: string;
  public: boolean;
  archived: boolean;
}

export function planFormFrom(plan: AdminPlan): PlanFormValue {
  return {
    seats: plan.limits.seats,
    monthlySessions: plan.limits.monthlySessions,
    standaloneScriptSessions: plan.limits.standaloneScriptSessions,
    proFeatures: plan.limits.proFeatures,
    displayName: plan.displayName ?? '',
    price: plan.priceCents === null ? null : plan.priceCents / 100,
    currency: plan.currency ?? 'usd',
    interval: plan.interval ?? 'month',
    stripeProductId: plan.stripeProductId ?? '',
    stripePriceId: plan.stripePriceId ?? '',
    public: plan.public ?? false,
    archived: plan.archived ?? false,
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: number | null | string) =>
  value === null || value === '' || (typeof value === 'number' && Number.isNaN(value)) ? null : Number(value);

/**
 * The PUT body for the form: blank limits mean unlimited, blank Stripe ids are cleared, a blank
 * display name or price is left as it is (the API never nulls a display name).
 */
export function planRequestFrom(form: PlanFormValue): UpdateAdminPlanRequest {
  const price = numberOrNull(form.price);
  const displayName = form.displayName.trim();
  return {
    limits: {
      seats: numberOrNull(form.seats),
      monthlySessions: numberOrNull(form.monthlySessions),
      standaloneScriptSessions: numberOrNull(form.standaloneScriptSessions),
      proFeatures: form.proFeatures,
    },
    ...(displayName ? { displayName } : {}),
    ...(price === null ? {} : { priceCents: Math.round(price * 100) }),
    currency: form.currency.trim().toLowerCase(),
    interval: form.interval,
    stripeProductId: blankToNull(form.stripeProductId),
    stripePriceId: blankToNull(form.stripePriceId),
    public: form.public,
    archived: form.archived,
  };
}
