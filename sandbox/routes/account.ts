// Step 5: the customer's billing accounts, US-headquartered or not.
import type { ApiRoute } from '../api-route';
import type { BillingAccount } from '../catalog';
import { pageOf, readPaging } from '../paging';
import { json, problem, type FieldError } from '../responses';

function accountView(account: BillingAccount) {
  return {
    name: account.name,
    id: account.id,
    invoiceDisplayNumber: account.invoiceDisplayNumber ?? account.id,
    stringAddress: [account.address],
    currency: account.currency,
    countryCode: account.countryCode,
    hqCountry: account.hqCountry,
  };
}

export const accountRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/Account/v1/billingAccount',
    access: 'customer',
    handle(request, { store }) {
      const errors: FieldError[] = [];
      const entitled = request.query.get('entitled');
      const countryCode = request.query.get('countryCode');
      const currencyCode = request.query.get('currencyCode');
      if (entitled !== null && !/^(true|false)?$/i.test(entitled)) {
        errors.push({ detail: `entitled must be true or false, got "${entitled}"`, pointer: '/entitled' });
      }
      if (countryCode && countryCode !== '100') {
        errors.push({
          detail: `100 (US) is the only supported countryCode, got "${countryCode}"`,
          pointer: '/countryCode',
        });
      }
      if (currencyCode && currencyCode.toUpperCase() !== 'USD') {
        errors.push({
          detail: `USD is the only supported currencyCode, got "${currencyCode}"`,
          pointer: '/currencyCode',
        });
      }
      const { paging, errors: pagingErrors } = readPaging(request.query);
      errors.push(...pagingErrors);
      if (errors.length) return problem(400, request.path, errors);

      const accounts = (store.customers.get(request.customerNumber)?.billingAccounts ?? []).filter(
        (account) =>
          (entitled?.toLowerCase() !== 'true' || account.entitled) &&
          (!countryCode || account.countryCode === countryCode) &&
          (!currencyCode || account.currency.toUpperCase() === currencyCode.toUpperCase()),
      );
      return json(200, {
        billingAccount: pageOf(accounts, paging).map(accountView),
        pageNumber: paging.pageNumber,
        pageSize: paging.pageSize,
        resultCount: accounts.length,
      });
    },
  },
];
