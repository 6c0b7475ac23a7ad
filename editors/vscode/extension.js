// SPDX-License-Identifier: MIT
// A minimal VS Code client for `gwlint --lsp`: plain text and Markdown
// files get gwlint's findings as you type, quick fixes, "Fix all" (the
// source.fixAll.gwlint action, the same fixes as gwlint --fix) and the
// rule's explanation on hover.  Not run inside VS Code by gwlint's tests
// (see README.md); tests/lsp.t drives the same server with VS Code's
// protocol library instead.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('gwlint').get('path') || 'gwlint';
  // TransportKind.stdio makes the client append --stdio, which gwlint
  // takes as --lsp.
  const server = { command, args: ['--lsp'], transport: TransportKind.stdio };
  client = new LanguageClient('gwlint', 'gwlint', server, {
    documentSelector: [{ scheme: 'file', language: 'plaintext' }, { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' }],
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
