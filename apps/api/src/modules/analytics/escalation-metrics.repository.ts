import { Injectable } from '@nestjs/common';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';

/** Raw aggregates in seconds, exactly as PostgreSQL computed them. */
export interface SecondsStats {
  avg: number | null;
  median: number | null;
  p95: number | null;
}

export interface EscalationMetricsRow {
  from: string;
  to: string;
  firstAction: SecondsStats & { nClaimed: number; nWithAction: number };
  timeToClaim: SecondsStats & { nClaimed: number; nUnclaimed: number };
  daily: {
    date: string;
    nEscalations: number;
    nClaimed: number;
    medianTimeToClaim: number | null;
    medianTimeToFirstAction: number | null;
  }[];
}

/**
 * One statement, aggregated where the rows are. `win` is the period: the last $2 UTC calendar days,
 * today included, so the daily series and the totals cover the same instants.
 *
 * `claimed`: escalations claimed in the period, each with the seconds from its claim to the
 * claimer's first engineer step in the session since the escalation was raised (one index probe
 * on session_steps_engineer_author_idx), floored at 0 when that step is stamped before the claim.
 * Null when the claimer has not written yet — kept null, not 0, so it counts as claimed only.
 *
 * `raised`: escalations raised in the period, claimed or not, for time to claim.
 * Exported so the benchmark explains exactly the statement the endpoint runs.
 */
export const ESCALATION_METRICS_SQL = `
  with win as (
    select (now() at time zone 'UTC')::date - ($2::int - 1) as first_day,
           ((now() at time zone 'UTC')::date - ($2::int - 1))::timestamp at time zone 'UTC' as starts_at
  ),
  claimed as (
    select (h.claimed_at at time zone 'UTC')::date as day,
           greatest(extract(epoch from h.claimed_at - h.created_at), 0)::float8 as claim_s,
           first_action.seconds as action_s
      from win
      join handoffs h on h.account_id = $1 and h.intent = 'escalate' and h.claimed_at >= win.starts_at
      left join lateral (
        select greatest(extract(epoch from s.created_at - h.claimed_at), 0)::float8 as seconds
          from session_steps s
         where s.session_id = h.session_id and s.account_id = h.account_id
           and s.role = 'engineer' and s.author_id = h.claimed_by and s.created_at > h.created_at
         order by s.created_at
         limit 1
      ) first_action on true
  ),
  raised as (
    select (h.created_at at time zone 'UTC')::date as day,
           -- greatest() skips nulls: without the case an unclaimed escalation would read as claimed at once.
           case when h.claimed_at is not null then greatest(extract(epoch from h.claimed_at - h.created_at), 0)::float8 end as claim_s
      from win
      join handoffs h on h.account_id = $1 and h.intent = 'escalate' and h.created_at >= win.starts_at
  ),
  claimed_daily as (
    select day, count(*)::int as n,
           percentile_cont(0.5) within group (order by claim_s) as claim_median,
           percentile_cont(0.5) within group (order by action_s) as action_median
      from claimed group by day
  ),
  raised_daily as (select day, count(*)::int as n from raised group by day)
  select
    (select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from win) as "from",
    to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "to",
    (select json_build_object(
        'nClaimed', count(*), 'nWithAction', count(action_s), 'avg', avg(action_s),
        'median', percentile_cont(0.5) within group (order by action_s),
        'p95', percentile_cont(0.95) within group (order by action_s))
       from claimed) as "firstAction",
    (select json_build_object(
        'nClaimed', count(claim_s), 'nUnclaimed', count(*) - count(claim_s), 'avg', avg(claim_s),
        'median', percentile_cont(0.5) within group (order by claim_s),
        'p95', percentile_cont(0.95) within group (order by claim_s))
       from raised) as "timeToClaim",
    (select json_agg(json_build_object(
        'date', to_char(d.day, 'YYYY-MM-DD'), 'nEscalations', coalesce(r.n, 0), 'nClaimed', coalesce(c.n, 0),
        'medianTimeToClaim', c.claim_median, 'medianTimeToFirstAction', c.action_median) order by d.day)
       from (select win.first_day + i as day from win, generate_series(0, $2::int - 1) as i) d
       left join raised_daily r on r.day = d.day
       left join claimed_daily c on c.day = d.day) as daily`;

/**
 * Escalation analytics: a read model over `handoffs` and `session_steps` (owned by the handoff and
 * sessions modules). Reads only, inside the caller's tenant transaction, and names the account too.
 */
@Injectable()
export class EscalationMetricsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  async compute(accountId: string, days: number): Promise<EscalationMetricsRow> {
    const [row] = await queryRows<EscalationMetricsRow>(this.tenant.manager(), ESCALATION_METRICS_SQL, [accountId, days]);
    return row!;
  }
}
