// Hand-made findings for formatter tests: fabricated values only, no engine involved.
import type { Finding, Grade, RuleId } from '../../../server/src/core/findings/types';

export function fakeFinding(overrides: Partial<Finding> & { ruleId?: RuleId; grade?: Grade } = {}): Finding {
  return {
    ruleId: 'account-sas',
    grade: 'critical',
    reasons: ['account SAS with write and delete', 'valid for 75 years'],
    message: 'Account SAS: read, write, delete on blob, file until 2099-01-01 (critical)',
    range: { start: 0, end: 10 },
    secretRange: { start: 5, end: 10 },
    fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    redactedSecret: 'AbCd…',
    container: 'url',
    encoding: 'plain',
    details: {
      type: 'sas',
      kind: 'account',
      services: ['blob', 'file'],
      resourceTypes: ['service', 'container', 'object'],
      permissions: [{ letter: 'r', name: 'read' }],
      expired: false,
      requestBound: false,
      emulator: false,
      parameters: { sv: '2022-11-02', sig: 'AbCd…' },
    },
    ...overrides,
  };
}
