// Starts `crm lsp` for .crm files; everything else is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("crm").get("server.path") || "crm";
  client = new LanguageClient(
    "crm",
    "crm language server",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "crm" }] }
  );
  context.subscriptions.push(client);
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
