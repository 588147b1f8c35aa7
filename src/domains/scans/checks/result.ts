import { checkDefinition } from './catalog.ts';
import type {
  CheckId,
  CheckResult,
  CheckSeverity,
  CheckStatus,
  CheckTarget,
  Evidence,
  LocalizedText,
} from './types.ts';

/** Builds a result; `severity` defaults to the catalogue's. Undefined evidence values are dropped. */
export function makeResult(
  checkId: CheckId,
  target: CheckTarget,
  status: CheckStatus,
  summary: LocalizedText,
  evidence: Record<string, unknown>,
  options: { severity?: CheckSeverity; observedAt: string },
): CheckResult {
  return {
    checkId,
    target: { ...target },
    status,
    severity: options.severity ?? checkDefinition(checkId).severity,
    summary,
    evidence: JSON.parse(JSON.stringify(evidence)) as Evidence,
    observedAt: options.observedAt,
  };
}

const SEVERITY_ORDER: Record<CheckSeverity, number> = { high: 3, medium: 2, low: 1, info: 0 };

export function worstSeverity(severities: readonly CheckSeverity[]): CheckSeverity | undefined {
  let worst: CheckSeverity | undefined;
  for (const s of severities) if (worst === undefined || SEVERITY_ORDER[s] > SEVERITY_ORDER[worst]) worst = s;
  return worst;
}

export function text(de: string, en: string): LocalizedText {
  return { de, en };
}
