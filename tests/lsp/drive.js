// SPDX-License-Identifier: MIT
// tests/lsp.t's client: drives `gwlint --lsp` with vscode-languageserver-
// protocol (VS Code's own JSON-RPC framing) and prints TAP lines (no plan:
// lsp.t counts them).  Usage: node drive.js GWLINT DIR, where DIR is an
// empty folder to write reports and configs in.  NODE_PATH finds the
// package (build/npm/node_modules).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const rpc = require('vscode-languageserver-protocol/node');

const [gwlint, dir] = process.argv.slice(2);
let n = 0;
function ok(cond, name, diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond && diag !== undefined)
    console.log(String(typeof diag === 'string' ? diag : JSON.stringify(diag)).replace(/^/gm, '# '));
  return cond;
}

// ---- positions in each unit, on the JS (UTF-16) string ----
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; }
    else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}
// The UTF-16 index of an LSP position given in `enc`.
function indexOf(text, pos, enc) {
  const starts = lineStarts(text);
  if (pos.line >= starts.length) return text.length;
  let i = starts[pos.line], col = 0;
  while (i < text.length && col < pos.character && text[i] !== '\n' && text[i] !== '\r') {
    const cpt = text.codePointAt(i), w16 = cpt > 0xffff ? 2 : 1;
    const w = enc === 'utf-16' ? w16 : enc === 'utf-32' ? 1 : Buffer.byteLength(String.fromCodePoint(cpt));
    if (col + w > pos.character) break;
    col += w; i += w16;
  }
  return i;
}
const byteOf = (text, idx) => Buffer.byteLength(text.slice(0, idx));
function applyEdits(text, edits, enc) {
  const spans = edits.map(e => [indexOf(text, e.range.start, enc), indexOf(text, e.range.end, enc), e.newText]);
  spans.sort((a, b) => b[0] - a[0]);
  for (const [a, b, t] of spans) text = text.slice(0, a) + t + text.slice(b);
  return text;
}
function editsOf(we, uri) {
  if (we.documentChanges) return [].concat(...we.documentChanges.filter(d => d.textDocument.uri === uri).map(d => d.edits));
  return (we.changes && we.changes[uri]) || [];
}

// The command line's findings for a file: [rule, start_byte, end_byte].
function cliFindings(file, extra) {
  const r = cp.spawnSync(gwlint, ['--format', 'json'].concat(extra || [], [file]), { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(l => JSON.parse(l)).map(f => [f.rule, f.start_byte, f.end_byte]);
}
const key = a => JSON.stringify(a.slice().sort());

// ---- a client ----
function start(args, cwd) {
  const proc = cp.spawn(gwlint, args || ['--lsp'], { cwd: cwd || dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', d => { stderr += d; });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const diags = [];     // every publishDiagnostics, in order
  const shown = [];     // window/showMessage
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', p => { diags.push(p); waiters.forEach(w => w()); });
  conn.onNotification('window/showMessage', p => { shown.push(p); waiters.forEach(w => w()); });
  conn.onRequest('client/registerCapability', () => null);
  conn.onError(() => {});
  conn.listen();
  const exited = new Promise(res => proc.on('exit', code => res(code)));
  function waitFor(pred, ms = 5000) {
    return new Promise((res, rej) => {
      const check = () => { const v = pred(); if (v) { clearTimeout(t); res(v); return true; } return false; };
      const t = setTimeout(() => rej(new Error('timed out')), ms);
      if (!check()) waiters.push(check);
    });
  }
  return { proc, conn, diags, shown, waitFor, exited, stderr: () => stderr };
}
function caps(encs, extra) {
  const c = { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } }, workspace: {} };
  if (encs) c.general = { positionEncodings: encs };
  return Object.assign(c, extra || {});
}
const lastFor = (c, uri, version) => c.diags.filter(d => d.uri === uri && (version === undefined || d.version === version)).pop();

const REPORT = '某某市司法局2023年法治政府建设情况报告\n\n一、主要举措和成效\n' +
  '关于𠮷某同志,工作\t情况(详见附件)。全年完成任务。\n';
const LINE = 3;   // the line holding 𠮷, a tab and CJK

async function encodingRun(encs, want, hoverFormat) {
  const file = path.join(dir, `report-${want}.txt`), uri = 'file://' + file;
  fs.writeFileSync(file, REPORT);
  const c = start();
  const label = `[${encs.join(',')}]`;
  const extra = hoverFormat ? { textDocument: { hover: { contentFormat: [hoverFormat] } } } : {};
  const init = await c.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: caps(encs, extra) });
  ok(init.capabilities.positionEncoding === want, `${label}: the server picks ${want}`, init.capabilities);
  ok(init.capabilities.textDocumentSync.change === 1 && init.capabilities.textDocumentSync.save, `${label}: full sync and save notifications`);
  c.conn.sendNotification('initialized', {});
  c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
  const pub = await c.waitFor(() => lastFor(c, uri, 1));
  const got = pub.diagnostics.map(d => [d.code, byteOf(REPORT, indexOf(REPORT, d.range.start, want)), byteOf(REPORT, indexOf(REPORT, d.range.end, want))]);
  ok(key(got) === key(cliFindings(file)), `${label}: every diagnostic's range is the command line's span (rule, bytes)`, { got, cli: cliFindings(file) });
  const onLine = pub.diagnostics.filter(d => d.range.start.line === LINE && d.code === 'halfwidth-punct');
  const at = onLine.map(d => REPORT[indexOf(REPORT, d.range.start, want)]);
  ok(at.join('') === ',(', `${label}: after 𠮷 and a tab, the diagnostics land on "," and "("`, { at, onLine });
  const comma = onLine.find(d => REPORT[indexOf(REPORT, d.range.start, want)] === ',');
  const wantChar = { 'utf-16': 7, 'utf-8': 19, 'utf-32': 6 }[want];
  ok(comma && comma.range.start.character === wantChar, `${label}: "," is character ${wantChar} in ${want}`, comma && comma.range);
  ok(pub.diagnostics.every(d => d.source === 'gwlint' && typeof d.code === 'string' && [1, 2, 3].includes(d.severity)),
    `${label}: source gwlint, code = rule id, severity 1/2/3`);
  ok(comma && comma.severity === 2 && comma.data && comma.data.fix === '，', `${label}: warning = 2, the fix in data`, comma);
  const err = pub.diagnostics.find(d => d.code === 'responsibility-content');
  ok(err && err.severity === 1, `${label}: an error is severity 1`);

  // Quick fix for the ",": one preferred quickfix whose edit gives "，".
  const acts = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: comma.range, context: { diagnostics: [comma], only: ['quickfix'] } });
  const qf = acts.filter(a => a.kind === 'quickfix');
  ok(qf.length === 1 && qf[0].isPreferred === true, `${label}: one preferred quickfix at ","`, acts);
  const fixedLine = qf.length ? applyEdits(REPORT, editsOf(qf[0].edit, uri), want).split('\n')[LINE] : '';
  ok(fixedLine === '关于𠮷某同志，工作\t情况(详见附件)。全年完成任务。', `${label}: applying it changes only the ","`, fixedLine);

  // source.fixAll.gwlint = gwlint --fix.
  const all = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
  const fa = all.find(a => a.kind === 'source.fixAll.gwlint');
  const copy = path.join(dir, `fixed-${want}.txt`);
  fs.writeFileSync(copy, REPORT);
  cp.spawnSync(gwlint, ['--fix', copy]);
  const cliFixed = fs.readFileSync(copy, 'utf8');
  const lspFixed = fa ? applyEdits(REPORT, editsOf(fa.edit, uri), want) : REPORT;
  ok(fa && lspFixed === cliFixed && cliFixed !== REPORT, `${label}: source.fixAll.gwlint gives what gwlint --fix writes`, { lspFixed, cliFixed });

  // Hover on the "," explains halfwidth-punct.
  const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: comma.range.start });
  const fmt = hoverFormat || 'markdown';
  ok(h && h.contents.kind === fmt && /halfwidth-punct/.test(h.contents.value) && /GB\/T 15834/.test(h.contents.value),
    `${label}: hover explains the rule, as ${fmt}`, h);
  const none = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } });
  ok(none === null, `${label}: no hover where there is no finding`, none);

  // A change: new diagnostics for the new text (the "," fixed, a new one added).
  const text2 = REPORT.replace('同志,工作', '同志，工作').replace('全年完成', '全年,完成');
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text2 }] });
  const pub2 = await c.waitFor(() => lastFor(c, uri, 2));
  const hp = pub2.diagnostics.filter(d => d.code === 'halfwidth-punct').map(d => text2[indexOf(text2, d.range.start, want)] + indexOf(text2, d.range.start, want));
  ok(key(hp) === key(['(' + text2.indexOf('(详'), ',' + text2.indexOf(',完')]), `${label}: after didChange, the diagnostics are the new text's`, hp);

  await c.conn.sendRequest('shutdown');
  c.conn.sendNotification('exit');
  ok(await c.exited === 0, `${label}: exit after shutdown: status 0`);
  ok(!/ERROR|runtime error/.test(c.stderr()), `${label}: no sanitizer report`, c.stderr());
}

async function lifecycle() {
  const file = path.join(dir, 'life.txt'), uri = 'file://' + file;
  const c = start(['--stdio']);
  const early = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).then(() => null, e => e.code);
  ok(early === -32002, 'a request before initialize: -32002', early);
  const init = await c.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  ok(init.capabilities.positionEncoding === 'utf-16', '--stdio works; no positionEncodings: utf-16');
  const unknown = await c.conn.sendRequest('gwlint/noSuchMethod', {}).then(() => null, e => e.code);
  ok(unknown === -32601, 'an unknown request: -32601', unknown);
  c.conn.sendNotification('initialized', {});
  // Debounce and stale versions: v2..v4 come together, only v4 is linted;
  // a late v3 is dropped.
  c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
  await c.waitFor(() => lastFor(c, uri, 1));
  const before = c.diags.length;
  for (const v of [2, 3, 4])
    c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: REPORT.replace('全年完成任务', '完'.repeat(v) + ',成') }] });
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'stale' }] });
  const p4 = await c.waitFor(() => lastFor(c, uri, 4));
  await new Promise(r => setTimeout(r, 400));
  const later = c.diags.slice(before).filter(d => d.uri === uri).map(d => d.version);
  ok(key(later) === key([4]), 'changes in quick succession: only the last version is linted and published', later);
  const text4 = REPORT.replace('全年完成任务', '完'.repeat(4) + ',成');
  const hp4 = p4.diagnostics.filter(d => d.code === 'halfwidth-punct').map(d => [indexOf(text4, d.range.start, 'utf-16'), indexOf(text4, d.range.end, 'utf-16')]);
  ok(hp4.some(([a]) => a === text4.indexOf(',成')), 'the published diagnostics are of version 4 (the stale version 3 was dropped)', hp4);
  // Save lints again; close clears.
  c.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await c.waitFor(() => c.diags.length > before + 1);
  c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const cleared = await c.waitFor(() => { const l = lastFor(c, uri); return l && l.diagnostics.length === 0 && l; });
  ok(cleared.diagnostics.length === 0, 'didClose clears the diagnostics');
  c.conn.sendNotification('exit');
  ok(await c.exited === 1, 'exit without shutdown: status 1');
}

async function configs() {
  const proj = path.join(dir, 'proj');
  fs.mkdirSync(proj, { recursive: true });
  const cfg = path.join(proj, '.gwlint.yaml'), file = path.join(proj, 'r.txt'), uri = 'file://' + file;
  fs.writeFileSync(cfg, 'disable: [halfwidth-punct]\n');
  fs.writeFileSync(file, REPORT);
  const c = start();
  await c.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: caps(['utf-16'], { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }) });
  let registered = false;
  c.conn.onRequest('client/registerCapability', p => { registered = p.registrations.some(r => r.method === 'workspace/didChangeWatchedFiles'); return null; });
  c.conn.sendNotification('initialized', {});
  c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
  const p1 = await c.waitFor(() => lastFor(c, uri, 1));
  ok(!p1.diagnostics.some(d => d.code === 'halfwidth-punct') && key(p1.diagnostics.map(d => d.code)) === key(cliFindings(file).map(f => f[0])),
    'the nearest .gwlint.yaml applies, as on the command line');
  await c.waitFor(() => registered, 2000).catch(() => {});
  ok(registered, 'didChangeWatchedFiles is registered when the client can register it dynamically');
  // The config changes (a new mtime): the next lint reads it, no notification needed.
  fs.writeFileSync(cfg, 'disable: [report-year-unknown]\n# changed\n');
  const t = new Date(Date.now() + 5000); fs.utimesSync(cfg, t, t);
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: REPORT }] });
  const p2 = await c.waitFor(() => lastFor(c, uri, 2));
  ok(p2.diagnostics.some(d => d.code === 'halfwidth-punct'), 'a config whose mtime changed is read again before the next lint');
  // A broken config: one diagnostic at its place, a showMessage, the server lives.
  fs.writeFileSync(cfg, 'disable: [halfwidth-punct]\nseverity: {no-such-rule: error}\n');
  const t2 = new Date(Date.now() + 10000); fs.utimesSync(cfg, t2, t2);
  c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file://' + cfg, type: 2 }] });
  const bad = await c.waitFor(() => lastFor(c, 'file://' + cfg));
  ok(bad.diagnostics.length === 1 && bad.diagnostics[0].range.start.line === 1 && bad.diagnostics[0].severity === 1,
    'a broken config: one error diagnostic at its line', bad);
  await c.waitFor(() => c.shown.length > 0);
  ok(c.shown.some(m => m.type === 1 && /no-such-rule/.test(m.message)), 'and a window/showMessage naming the problem', c.shown);
  fs.writeFileSync(cfg, 'disable: [halfwidth-punct]\n');
  const t3 = new Date(Date.now() + 15000); fs.utimesSync(cfg, t3, t3);
  c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file://' + cfg, type: 2 }] });
  const fixedCfg = await c.waitFor(() => { const l = lastFor(c, 'file://' + cfg); return l && l.diagnostics.length === 0 && l; });
  const after = await c.waitFor(() => { const l = lastFor(c, uri); return l && l.diagnostics.length > 0 && !l.diagnostics.some(d => d.code === 'halfwidth-punct') && l; });
  ok(fixedCfg && after, 'once repaired, its diagnostic is cleared and the report linted again');
  // A broken pack that the config names: the same (its file, its line).
  const pack = path.join(proj, 'mine.yaml');
  fs.copyFileSync(path.join(__dirname, '..', 'bad-packs', 'bad-id.yaml'), pack);
  fs.writeFileSync(cfg, 'packs: [mine.yaml]\n');
  const t4 = new Date(Date.now() + 20000); fs.utimesSync(cfg, t4, t4);
  const nshown = c.shown.length;
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: REPORT }] });
  const want = fs.readFileSync(path.join(__dirname, '..', 'bad-packs', 'bad-id.expected'), 'utf8').split(':');
  const badPack = await c.waitFor(() => { const l = lastFor(c, 'file://' + pack); return l && l.diagnostics.length && l; });
  ok(badPack.diagnostics.length === 1 && badPack.diagnostics[0].range.start.line === +want[2] - 1,
    `a broken pack a config names: one diagnostic at its line (${want[2]}), without a notification`, badPack);
  await c.waitFor(() => c.shown.length > nshown);
  ok(/bad-id|mine\.yaml/.test(c.shown[c.shown.length - 1].message), 'and a window/showMessage', c.shown);
  await c.conn.sendRequest('shutdown');
  c.conn.sendNotification('exit');
  ok(await c.exited === 0, 'the server outlived the broken config');
}

// ---- hostile frames, sent raw ----
const frame = s => { const b = Buffer.isBuffer(s) ? s : Buffer.from(s); return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]); };
const INIT = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } }));
const SHUT = Buffer.concat([frame('{"jsonrpc":"2.0","id":99,"method":"shutdown"}'), frame('{"jsonrpc":"2.0","method":"exit"}')]);
function parseFrames(buf) {
  const out = [];
  let s = buf.toString('latin1'), b = buf;
  for (;;) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(s);
    if (!m) break;
    const len = +m[1], body = b.slice(m[0].length, m[0].length + len);
    if (body.length < len) break;
    out.push(JSON.parse(body.toString('utf8')));
    b = b.slice(m[0].length + len); s = b.toString('latin1');
  }
  return { frames: out, rest: b.length };
}
function raw(chunks, ms = 60000) {
  return new Promise(res => {
    const p = cp.spawn(gwlint, ['--lsp'], { cwd: dir });
    const out = [];
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), ms);
    p.stdout.on('data', d => out.push(d));
    p.stderr.on('data', d => { err += d; });
    p.stdin.on('error', () => {});
    (async () => {
      for (const c of chunks) { if (!p.stdin.write(c)) await new Promise(r => p.stdin.once('drain', r)); }
      p.stdin.end();
    })();
    p.on('exit', (code, sig) => { clearTimeout(timer); res(Object.assign(parseFrames(Buffer.concat(out)), { code, sig, err })); });
  });
}
async function hostile() {
  const clean = r => !/ERROR: |runtime error|Sanitizer/.test(r.err);
  let r = await raw([Buffer.from('{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}\r\n'), INIT, SHUT]);
  ok(r.code === 0 && r.frames.some(f => f.id === 1 && f.result) && !r.frames.some(f => f.id === 7) && r.rest === 0 && clean(r),
    'hostile: a message without a header is skipped; the next frame is answered', r);
  r = await raw([frame('{"jsonrpc":"2.0","id":1,'), INIT, SHUT]);
  ok(r.code === 0 && r.frames[0].error && r.frames[0].error.code === -32700 && r.frames[0].id === null && r.frames[1].id === 1 && clean(r),
    'hostile: bad JSON: -32700 with id null, then it goes on', r.frames);
  r = await raw([frame('['.repeat(200000) + ']'.repeat(200000)), INIT, SHUT]);
  ok(r.code === 0 && r.frames[0].error && r.frames[0].error.code === -32700 && r.frames[1].id === 1 && clean(r),
    'hostile: JSON 200000 deep: refused (-32700), no crash', r.frames);
  const big = 100 * 1024 * 1024, chunk = Buffer.alloc(1 << 20, 0x78), chunks = [Buffer.from(`Content-Length: ${big}\r\n\r\n`)];
  for (let i = 0; i < 100; i++) chunks.push(chunk);
  const t0 = Date.now();
  r = await raw(chunks.concat([INIT, SHUT]), 120000);
  ok(r.code === 0 && r.frames.some(f => f.id === 1 && f.result) && clean(r), `hostile: a 100 MB frame is dropped (${Date.now() - t0} ms), the next one answered`, { code: r.code, frames: r.frames.map(f => f.id), err: r.err.slice(0, 500) });
  r = await raw([INIT, Buffer.from('Content-Length: 1000\r\n\r\n{"jsonrpc":"2.0"')], 20000);
  ok(r.code === 1 && r.sig === null && clean(r), 'hostile: a Content-Length larger than the data: the server ends (status 1) at the end of input, no hang', r);
  const open = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file://' + dir + '/bad.txt', languageId: 'plaintext', version: 1, text: 'BADBYTES关于𠮷,工作' } } });
  const bad = Buffer.from(open).toString('latin1').replace('BADBYTES', '\xff\xfe\xc0\xaf\xed\xa0\x80');
  r = await raw([INIT, frame(Buffer.from(bad, 'latin1')), frame('{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://' + dir + '/bad.txt"},"position":{"line":0,"character":0}}}'), SHUT]);
  const pd = r.frames.find(f => f.method === 'textDocument/publishDiagnostics');
  ok(r.code === 0 && pd && r.frames.some(f => f.id === 5) && clean(r), 'hostile: invalid UTF-8 in a document: linted, answered, no crash', r.frames);
  r = await raw([Buffer.from('Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}'), Buffer.from('Content-Length: zz\r\n\r\n'), INIT, SHUT]);
  ok(r.code === 0 && r.frames.some(f => f.id === 1 && f.result) && clean(r), 'hostile: Content-Type ignored; a non-numeric length refused; it goes on', r.frames);
  ok(r.frames.every(f => f.jsonrpc === '2.0'), 'stdout holds frames only (every byte parsed as a frame)');
}

(async () => {
  try {
    await encodingRun(['utf-16'], 'utf-16');
    await encodingRun(['utf-8', 'utf-16'], 'utf-8');
    await encodingRun(['utf-32'], 'utf-32', 'plaintext');
    await lifecycle();
    await configs();
    await hostile();
  } catch (e) {
    ok(false, 'the driver ran to the end', e && e.stack);
  }
  process.exit(0);
})();
