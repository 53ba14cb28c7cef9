// Which encoding a JSON answer gets from the client's Accept-Encoding.
import assert from 'node:assert/strict';
import { chooseEncoding } from '../../bot/api/compress';

describe('choosing the encoding of a JSON answer', () => {
  it('prefers brotli, then gzip, and sends plain text when neither is accepted', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('identity'), undefined);
    assert.equal(chooseEncoding(undefined), undefined);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*, br;q=0'), 'gzip');
  });
});
