/**
 * What scan runs need from neighbouring domains: the authorisation check (assets) before a target
 * is contacted, and the findings store (findings) for the failed checks. One import site, so the
 * contract is visible in one place.
 */
export { assertScanAuthorised } from '../../assets/authorisations.ts';
export { ingestFindings } from '../findings/ingest.ts';
export { coverageFromTargets } from '../findings/normalise.ts';
