/** The sync endpoint's close codes live in shared/, where the web client reads them too. */
export { CloseCode } from '../../shared/close-codes.ts';
