// Step 5: choose the billing account. Lumen bills Internet On-Demand only to accounts headquartered
// in the US, and the first account listed is not always one.
import type { BillingAccount } from '../lumen/api';
import type { ActivityDeps } from './deps';
import { businessFailure, failureOfRepeatableCall } from './failures';

export interface ChooseBillingAccountInput {
  customerNumber: string;
  /** The account the request named; otherwise the first US one. */
  billingAccountId?: string;
}

export interface ChosenBillingAccount {
  id: string;
  name: string;
}

const US = new Set(['US', 'USA', 'UNITED STATES', 'UNITED STATES OF AMERICA']);

function isUs(account: BillingAccount): boolean {
  return US.has((account.hqCountry ?? '').trim().toUpperCase());
}

function listed(accounts: BillingAccount[]): string {
  return accounts.map((a) => `${a.id} ${a.name} (${a.hqCountry ?? 'country unknown'})`).join(', ') || 'none';
}

export function chooseBillingAccountActivity({ lumen }: ActivityDeps) {
  return async function chooseBillingAccount(input: ChooseBillingAccountInput): Promise<ChosenBillingAccount> {
    const accounts = await lumen
      .listBillingAccounts(input.customerNumber)
      .catch((error: unknown) =>
        failureOfRepeatableCall(
          error,
          'NoUsBillingAccount',
          (lumenSays) => `Lumen refused to list the billing accounts of customer ${input.customerNumber}: ${lumenSays}`,
        ),
      );
    if (input.billingAccountId !== undefined) {
      const named = accounts.find((a) => a.id === input.billingAccountId);
      if (!named) {
        throw businessFailure(
          'NoUsBillingAccount',
          `Billing account ${input.billingAccountId} is not an account of customer ${input.customerNumber}; ` +
            `accounts: ${listed(accounts)}`,
        );
      }
      if (!isUs(named)) {
        throw businessFailure(
          'NoUsBillingAccount',
          `Billing account ${named.id} (${named.name}) is headquartered in ${named.hqCountry ?? 'an unknown country'}; ` +
            'Lumen bills Internet On-Demand only to accounts headquartered in the US',
        );
      }
      return { id: named.id, name: named.name };
    }
    const us = accounts.find(isUs);
    if (!us) {
      throw businessFailure(
        'NoUsBillingAccount',
        `Customer ${input.customerNumber} has no billing account headquartered in the US; accounts: ${listed(accounts)}`,
      );
    }
    return { id: us.id, name: us.name };
  };
}
