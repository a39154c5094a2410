import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, escapeMarkdownCell } from '../../src/report/escape.js';
import { bytes, count, milliseconds, percent, plain, score } from '../../src/report/format.js';

test('numbers read with their units', () => {
  assert.equal(percent(0.9375), '93.75 %');
  assert.equal(percent(0.985, 1), '98.5 %');
  assert.equal(score(0.5), '0.5000');
  assert.equal(milliseconds(0.125), '0.125 ms');
  assert.equal(milliseconds(0.00142), '1.42 µs');
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(20480), '20.0 KiB');
  assert.equal(bytes(3 * 1024 * 1024 + 512 * 1024), '3.5 MiB');
  assert.equal(count(1234567), '1,234,567');
  assert.equal(plain(3), '3');
  assert.equal(plain(1e-5), '0.00001');
  assert.equal(plain(0.123456), '0.1235');
  for (const format of [percent, score, milliseconds, bytes, count, plain])
    assert.equal(format(undefined), '—');
});

test('text is escaped for HTML and for Markdown table cells', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeMarkdownCell('a|b\nc\\d'), 'a\\|b c\\\\d');
});
