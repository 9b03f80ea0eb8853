// Step 1: find the partner (data-center operator) by name or id.
import type { Partner } from '../lumen/api';
import type { ActivityDeps } from './deps';
import { businessFailure, failureOfRepeatableCall } from './failures';

export interface FindProviderInput {
  customerNumber: string;
  /** A name (case-insensitive) or a partner id. */
  partner: string;
}

export function findProviderActivity({ lumen }: ActivityDeps) {
  return async function findProvider(input: FindProviderInput): Promise<Partner> {
    const partners = await lumen
      .listPartners(input.customerNumber)
      .catch((error: unknown) =>
        failureOfRepeatableCall(
          error,
          'PartnerNotFound',
          (lumenSays) => `Lumen refused to list partners: ${lumenSays}`,
        ),
      );
    const wanted = input.partner.trim().toLowerCase();
    const found =
      partners.find((p) => p.id === input.partner.trim()) ??
      partners.find((p) => p.name.trim().toLowerCase() === wanted);
    if (!found) {
      const known = partners.map((p) => p.name).join(', ') || 'none';
      throw businessFailure(
        'PartnerNotFound',
        `Lumen has no partner named "${input.partner}" for customer ${input.customerNumber}; partners offered: ${known}`,
      );
    }
    return { id: found.id, name: found.name, partnerType: found.partnerType };
  };
}
