import type { SalesLeadReceipt } from '@resolutionflow/contracts';
import type { SalesLeadEntity } from './sales-lead.entity.js';

export function mapSalesLeadReceipt(lead: SalesLeadEntity): SalesLeadReceipt {
  return { id: lead.id, receivedAt: lead.createdAt.toISOString() };
}
