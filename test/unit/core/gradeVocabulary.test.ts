// The grade vocabulary (core/findings/grades.ts) that every layer imports: its order, comparisons
// and levels. The old copies in the LSP settings, the client and the reports agreed with this by
// hand; these tests pin the single definition instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GRADES_BY_SEVERITY, gradeAtLeast, gradeLevel, gradeOfRank, gradeRank, isGrade, SECURITY_SEVERITY } from '../../../server/src/core/findings/grades';

describe('grade vocabulary', () => {
  test('grades run from most to least severe', () => {
    assert.deepEqual(GRADES_BY_SEVERITY, ['critical', 'high', 'medium', 'low', 'info']);
  });

  test('rank and grade of rank are inverse, and ranks clamp at the ends', () => {
    GRADES_BY_SEVERITY.forEach((grade, i) => {
      assert.equal(gradeRank(grade), GRADES_BY_SEVERITY.length - 1 - i);
      assert.equal(gradeOfRank(gradeRank(grade)), grade);
    });
    assert.equal(gradeOfRank(-3), 'info');
    assert.equal(gradeOfRank(99), 'critical');
  });

  test('gradeAtLeast compares by severity', () => {
    for (const a of GRADES_BY_SEVERITY) {
      for (const b of GRADES_BY_SEVERITY) {
        assert.equal(gradeAtLeast(a, b), GRADES_BY_SEVERITY.indexOf(a) <= GRADES_BY_SEVERITY.indexOf(b), `${a} >= ${b}`);
      }
    }
  });

  test('levels and security severities', () => {
    assert.deepEqual(GRADES_BY_SEVERITY.map(gradeLevel), ['error', 'error', 'warning', 'warning', 'info']);
    const severities = GRADES_BY_SEVERITY.map((g) => Number(SECURITY_SEVERITY[g]));
    assert.deepEqual(
      [...severities].sort((a, b) => b - a),
      severities,
      'more severe grades score higher',
    );
  });

  test('isGrade accepts exactly the grades', () => {
    for (const g of GRADES_BY_SEVERITY) assert.equal(isGrade(g), true);
    for (const v of ['Critical', 'none', '', undefined, 3]) assert.equal(isGrade(v), false, String(v));
  });
});
