#!/usr/bin/env python3
"""Write LSP sessions (byte streams a client sends) for fuzz_lsp: usage
mkseeds.py DIR.  Each file is one session: well-formed ones that reach
every handler, and the hostile frames tests/lsp.t also sends."""
import json, os, sys

def frame(o):
    b = o if isinstance(o, bytes) else json.dumps(o, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

URI = "file:///nonexistent/gwlint-fuzz/report.txt"
TEXT = ("某某市司法局2023年法治政府建设情况报告\n\n"
        "一、主要举措和成效\n关于𠮷某同志,工作\t情况(详见附件)。全年完成任务。\n")

def init(encs):
    caps = {"textDocument": {"hover": {"contentFormat": ["plaintext", "markdown"]}},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True},
                          "workspaceEdit": {"documentChanges": True}}}
    if encs is not None:
        caps["general"] = {"positionEncodings": encs}
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": caps}}

def session(encs):
    r = {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 40}}
    msgs = [init(encs), {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": "gwlint-register-watchers", "result": None},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": URI, "languageId": "text", "version": 1, "text": TEXT}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": URI}, "range": r, "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": URI}, "position": {"line": 3, "character": 7}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": TEXT.replace(",", "，")}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": 3},
            "contentChanges": [{"range": {"start": {"line": 3, "character": 2},
                "end": {"line": 3, "character": 4}}, "text": "(x)"}]}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": URI}, "range": r,
            "context": {"diagnostics": [], "only": ["source.fixAll"]}}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": URI}}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": []}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": URI}}},
        {"jsonrpc": "2.0", "id": 5, "method": "no/such/method"},
        {"jsonrpc": "2.0", "id": 6, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"}]
    return b"".join(frame(m) for m in msgs)

def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    seeds = {
        "session-utf16": session(["utf-16"]),
        "session-utf8": session(["utf-8", "utf-16"]),
        "session-utf32": session(["utf-32"]),
        "session-nolist": session(None),
        "before-initialize": frame({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover"}) + session(None),
        "no-header": json.dumps(init(None)).encode() + b"\r\n" + session(["utf-16"]),
        "bad-json": frame(b"{\"jsonrpc\":\"2.0\",\"id\":1,") + session(["utf-8"]),
        "deep-json": frame(b"[" * 5000 + b"]" * 5000) + session(["utf-16"]),
        "invalid-utf8": session(["utf-16"]).replace("情况".encode(), b"\xff\xfe\xc3"),
        "too-long": b"Content-Length: 99999999\r\n\r\n" + b"x" * 1000,
        "huge-length": b"Content-Length: 999999999999999999999999\r\n\r\n{}",
        "long-header": b"X-Junk: " + b"\xe5\x85\xb3" * 3000 + b"\r\n" + session(["utf-16"]),
        "content-type": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + session(["utf-16"]),
    }
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)

main()
