import type { PsaConnection, UpsertPsaConnectionRequest } from '@resolutionflow/contracts';

/** The ConnectWise form as typed; ids may be blank. */
export interface PsaFormValue {
  siteUrl: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
  defaultBoardId: number | null;
  defaultStatusId: number | null;
  defaultCompanyIdentifier: string;
}

export const EMPTY_PSA_FORM: PsaFormValue = {
  siteUrl: '',
  companyId: '',
  publicKey: '',
  privateKey: '',
  clientId: '',
  defaultBoardId: null,
  defaultStatusId: null,
  defaultCompanyIdentifier: '',
};

/** The form for a saved connection; the private key is never sent back, so it starts blank. */
export function psaFormFrom(connection: PsaConnection | null): PsaFormValue {
  if (!connection) return { ...EMPTY_PSA_FORM };
  return {
    siteUrl: connection.siteUrl,
    companyId: connection.companyId,
    publicKey: connection.publicKey,
    privateKey: '',
    clientId: connection.clientId,
    defaultBoardId: connection.defaultBoardId,
    defaultStatusId: connection.defaultStatusId,
    defaultCompanyIdentifier: connection.defaultCompanyIdentifier ?? '',
  };
}

const idOrNull = (value: number | string | null) =>
  value === null || value === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** The PUT body: a blank private key keeps the stored one; blank defaults are cleared. */
export function psaRequestFrom(form: PsaFormValue): UpsertPsaConnectionRequest {
  const privateKey = form.privateKey.trim();
  const company = form.defaultCompanyIdentifier.trim();
  return {
    siteUrl: form.siteUrl,
    companyId: form.companyId,
    publicKey: form.publicKey,
    ...(privateKey ? { privateKey } : {}),
    clientId: form.clientId,
    defaultBoardId: idOrNull(form.defaultBoardId),
    defaultStatusId: idOrNull(form.defaultStatusId),
    defaultCompanyIdentifier: company || null,
  };
}
