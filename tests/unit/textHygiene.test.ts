// Text people type: control characters and bidirectional overrides are refused with a Swedish
// message, invisible characters are dropped, and minimum lengths count what a reader sees.
import assert from 'node:assert/strict';
import { cleanText, textProblem, visibleLength } from '../../bot/domain/text';
import { parseAnalysisText, parseSubmissionComment } from '../../bot/domain/followUpRound';
import { parseChangeRequest } from '../../bot/domain/validation';

describe('text people type', () => {
  it('refuses a status note with a bidirectional override, saying why in Swedish', () => {
    const result = parseChangeRequest({ statusNote: 'Klart \u202Eenaj' });
    assert.ok(!result.ok && result.errors.some((e) => /Statusanteckningen innehåller tecken som inte är tillåtna/.test(e)));
  });

  it('refuses a comment with a control character', () => {
    const result = parseChangeRequest({ comment: 'Se bilaga\u0007' });
    assert.equal(result.ok, false);
  });

  it('refuses NUL and a lone surrogate in every free text: a round analysis, a submission comment, a status note', () => {
    for (const bad of ['Analys\u0000', 'Halv \uD83D emoji', 'Halv \uDE00 emoji']) {
      const analysis = parseAnalysisText(bad);
      assert.ok(!analysis.ok && /Analysen innehåller tecken som inte är tillåtna/.test(analysis.errors[0]!), JSON.stringify(bad));
      assert.equal(parseSubmissionComment(bad).ok, false, JSON.stringify(bad));
      assert.equal(parseChangeRequest({ statusNote: bad }).ok, false, JSON.stringify(bad));
    }
    // A whole pair is an emoji, and welcome.
    assert.ok(parseAnalysisText('Bra 😀').ok);
    assert.equal(textProblem('Bra \uD83D\uDE00'), undefined);
  });

  it('keeps line breaks and tabs, and drops zero-width characters', () => {
    const result = parseChangeRequest({ statusNote: 'Rad ett\r\nrad\u200B två\tslut\uFEFF' });
    assert.ok(result.ok);
    assert.equal(result.value.statusNote, 'Rad ett\nrad två\tslut');
  });

  it('counts visible characters only', () => {
    assert.equal(visibleLength('\u200B\u200B\u200B\u200B'), 0);
    assert.equal(visibleLength('SIP\u200D'), 3);
    assert.equal(cleanText(' \u200Bx\u2060 '), 'x');
    assert.equal(textProblem('\u2066isolate\u2069'), 'bidi');
    assert.equal(textProblem('ok\n\tok'), undefined);
  });
});
