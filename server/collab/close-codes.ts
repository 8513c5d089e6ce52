/** The sync endpoint's close codes live in shared/, where the web client reads them too. */
export { CloseCode, type CloseCodeName } from '../../shared/close-codes.ts';
