/** The review domain of main: accounts, states, comments, signatures, history, file exchange. */
export { installReview, signOffLinesFor, type ReviewServices } from './install';
export { fingerprintOf, verifyFingerprint, type FingerprintCheck } from './fingerprint';
export { signOffLines, findFingerprint, type SignOffLine } from '../../shared/review/signoff';
export { verifyWorkbookFigures, verifySignedWorkbook } from './workbook';
export { appendSignOff, printedFingerprint } from './export-signoff';
